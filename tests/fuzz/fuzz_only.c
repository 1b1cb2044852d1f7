// SPDX-License-Identifier: MIT
/* The kernel fuzz alone (`make fuzz`): linked with the suite's main.c and
 * tests_fuzz.c, it leaves every other test list empty and gives the fuzz
 * the numbers from the make command line (fuzz_params.h, generated). */
#include "../kernel/fuzz.h"
#include "../kernel/harness.h"
#include "fuzz_params.h" /* generated: $(O)/include/generated/ */

const struct fuzz_params fuzz_params = {
	.seed = FUZZ_SEED,
	.calls = FUZZ_CALLS,
	.check_every = FUZZ_CHECK_EVERY,
	.check_from = FUZZ_CHECK_FROM,
	.check_flags = FUZZ_CHECK_FLAGS,
};

#define NO_TESTS(name)                                \
	const struct kernel_test name##_tests[1];     \
	const unsigned name##_test_count = 0;
NO_TESTS(untyped)
NO_TESTS(cnode)
NO_TESTS(tcb)
NO_TESTS(ipc)
NO_TESTS(notification)
NO_TESTS(sched)
NO_TESTS(fault)
NO_TESTS(vspace)
NO_TESTS(irq)
NO_TESTS(transfer)
NO_TESTS(vcpu)
NO_TESTS(integrity)
