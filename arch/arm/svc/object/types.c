// SPDX-License-Identifier: MIT
/* The SVC variant's object types. Its frames, short-descriptor tables and
 * VSpaces come with user address spaces (issue 16, step 5) and its VCPU
 * with the deprivileged-VCPU issue; until then Untyped_Retype refuses
 * every arch type (an invalid type argument), so no arch cap exists and
 * none can be invoked or unmapped. */
#include <arch/object.h>
#include <arch/thread.h>
#include <tern/invocation.h>

int arch_object_size_bits(enum l4_object_type type)
{
	return -1;
}

enum cap_type arch_object_cap_type(enum l4_object_type type)
{
	return CAP_NULL;
}

bool arch_object_is_frame(enum l4_object_type type)
{
	return false;
}

struct invocation_error arch_decode_invocation(struct invocation *inv)
{
	return invocation_fail(L4_ILLEGAL_OPERATION, 0);
}

void arch_mapping_cap_unmap(struct cap *c)
{
	/* no frame or table cap, hence no mapping, exists on this variant */
}
