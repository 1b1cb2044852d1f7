// SPDX-License-Identifier: MIT
/* How the kernel names a user thread's fault in its messages, on both
 * variants. */
#include <arch/thread.h>

const char *arch_fault_name(const struct arch_fault *f)
{
	switch (f->type) {
	case ARCH_FAULT_PAGE:
		return f->instruction ? "page fault (instruction fetch)"
		       : f->write      ? "page fault (write)"
				       : "page fault (read)";
	case ARCH_FAULT_UNDEFINED:
		return "undefined instruction";
	default:
		return "unexpected trap";
	}
}
