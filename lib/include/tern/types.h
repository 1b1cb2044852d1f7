/* SPDX-License-Identifier: MIT */
#ifndef TERN_TYPES_H
#define TERN_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#ifdef HOST_TEST
#include <stdint.h>
#else
/* Fixed-width types defined here rather than by the toolchain's stdint.h:
 * arm-none-eabi makes uint32_t a long, which would make every printf format
 * differ between the kernel and the host unit tests. */
typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef int intptr_t;
typedef unsigned int uintptr_t;
#endif

typedef uint64_t paddr_t; /* physical address: up to 40 bits with LPAE */

#define __noreturn __attribute__((noreturn))
#define __aligned(n) __attribute__((aligned(n)))
#define __unused __attribute__((unused))
#define __section(s) __attribute__((section(s)))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
