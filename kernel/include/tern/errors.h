/* SPDX-License-Identifier: MIT */
/* The error a decode step returns to the invoker: the code from the shared
 * ABI, which argument was wrong, and the allowed range or what was missing. */
#ifndef TERN_ERRORS_H
#define TERN_ERRORS_H

#include <l4/abi.h>
#include <tern/types.h>

struct invocation_error {
	enum l4_error code;
	unsigned arg;          /* index of the failing argument */
	uint32_t range_min;    /* L4_RANGE_ERROR: the allowed range */
	uint32_t range_max;
	uint32_t available;    /* L4_NOT_ENOUGH_MEMORY: bytes left */
};

static inline struct invocation_error invocation_ok(void)
{
	return (struct invocation_error){.code = L4_OK};
}

static inline struct invocation_error invocation_fail(enum l4_error code, unsigned arg)
{
	return (struct invocation_error){.code = code, .arg = arg};
}

static inline struct invocation_error invocation_range(unsigned arg, uint32_t min, uint32_t max)
{
	return (struct invocation_error){.code = L4_RANGE_ERROR, .arg = arg, .range_min = min,
					 .range_max = max};
}

#endif
