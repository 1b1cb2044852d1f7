/* SPDX-License-Identifier: MIT */
/* Reader for the 32-bit ARM ELF executables in the boot archive (the root
 * task, later the VMMs). An image is input from outside: elf_check()
 * validates the header and every loadable segment before any is used. */
#ifndef TERN_ELF_H
#define TERN_ELF_H

#include <tern/types.h>

struct elf_segment {
	uint32_t vaddr;
	uint32_t memsz;
	uint32_t filesz;
	const void *data;  /* filesz bytes inside the image */
	bool writable;
	bool executable;
};

/* NULL if image (size bytes) is a loadable little-endian ARM ELF32
 * executable whose segments lie below user_limit, else what is wrong. */
const char *elf_check(const void *image, size_t size, uint32_t user_limit);
uint32_t elf_entry(const void *image);
/* Number of PT_LOAD segments and the i-th of them (image already checked). */
unsigned elf_load_segments(const void *image);
void elf_load_segment(const void *image, unsigned i, struct elf_segment *seg);

#endif
