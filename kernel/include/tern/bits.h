/* SPDX-License-Identifier: MIT */
/* Bit-field helpers: registers and descriptors are described by masks, and
 * fields are read and built through these rather than hand-written shifts. */
#ifndef TERN_BITS_H
#define TERN_BITS_H

#include <tern/types.h>

#define BIT(n) (1u << (n))
#define BIT64(n) (1ull << (n))
/* Mask of bits hi..lo inclusive (32-bit and 64-bit). */
#define GENMASK(hi, lo) ((~0u >> (31 - (hi))) & (~0u << (lo)))
#define GENMASK64(hi, lo) ((~0ull >> (63 - (hi))) & (~0ull << (lo)))

/* Index of the lowest set bit of a non-zero constant mask. */
#define MASK_SHIFT(mask) ((unsigned)__builtin_ctzll(mask))
/* Extract the field described by mask from value. */
#define FIELD_GET(mask, value) (((value) & (mask)) >> MASK_SHIFT(mask))
/* Place value into the field described by mask (excess bits dropped). */
#define FIELD_PREP(mask, value) ((__typeof__(mask))(((__typeof__(mask))(value) << MASK_SHIFT(mask)) & (mask)))

#define IS_POWER_OF_2(x) ((x) != 0 && (((x) & ((x) - 1)) == 0))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define ALIGN_UP(x, a) ALIGN_DOWN((x) + ((__typeof__(x))(a) - 1), (a))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

#define KiB(x) ((x) * 1024ull)
#define MiB(x) ((x) * 1024ull * 1024ull)
#define GiB(x) ((x) * 1024ull * 1024ull * 1024ull)

#endif
