/* SPDX-License-Identifier: MIT */
/* Arch object types: the frames and translation tables of the CPU variant
 * (on HYP: 4 KiB and 2 MiB frames, LPAE level-2 and level-3 tables), and
 * what the arch does with VSpaces. The generic kernel (untyped.c, object.c,
 * invocation.c) reaches them only through these hooks, as seL4's
 * Arch_decodeInvocation and Arch_getObjectSize. */
#ifndef ARCH_OBJECT_H
#define ARCH_OBJECT_H

#include <tern/cap.h>
#include <tern/errors.h>

struct invocation;

/* log2 of the size in bytes of an object of an arch type; -1 when type is
 * not one of the arch's. Pure: also linked into host unit tests. */
int arch_object_size_bits(enum l4_object_type type);
/* The type of the caps Untyped_Retype makes for an arch type (CAP_NULL
 * when type is not one of the arch's). Pure. */
enum cap_type arch_object_cap_type(enum l4_object_type type);
/* Whether type is a frame: the only arch objects that may come from
 * device memory. Pure. */
bool arch_object_is_frame(enum l4_object_type type);

/* Decodes and performs an invocation of an arch cap (frames and tables);
 * called from a system call with the caller's invocation. */
struct invocation_error arch_decode_invocation(struct invocation *inv);
/* Undoes the mapping a frame or table cap made (none: nothing happens). */
void arch_mapping_cap_unmap(struct cap *c);

#endif
