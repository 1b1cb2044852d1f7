/* SPDX-License-Identifier: MIT */
/* The numbers of the kernel fuzz (tests/kernel/tests_fuzz.c): its defaults
 * there, or those of `make fuzz` (tests/kernel/fuzz_only.c). */
#ifndef TESTS_KERNEL_FUZZ_H
#define TESTS_KERNEL_FUZZ_H

struct fuzz_params {
	unsigned seed;        /* of the call sequence: one seed, one sequence */
	unsigned calls;
	unsigned check_every; /* an invariant check after every this many calls */
	unsigned check_from;  /* counted from this call on (0: the start) */
	unsigned check_flags; /* L4_INVARIANTS_* */
};

/* A weak definition in tests_fuzz.c, a strong one in fuzz_only.c. */
extern const struct fuzz_params fuzz_params;

#endif
