/* SPDX-License-Identifier: MIT */
/* Copying the boot images into guest RAM (megabytes: the zImage, the
 * initramfs) with load and store multiples. */
#ifndef VMM_BULK_COPY_H
#define VMM_BULK_COPY_H

#include <tern/types.h>

/* memcpy for large, non-overlapping ranges. */
void bulk_copy(void *dst, const void *src, size_t n);

#endif
