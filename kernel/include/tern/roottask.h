/* SPDX-License-Identifier: MIT */
#ifndef TERN_ROOTTASK_H
#define TERN_ROOTTASK_H

#include <tern/hwdesc.h>
#include <tern/memregion.h>

#define ROOTTASK_FILE "roottask"
#define ROOTTASK_PRIORITY 255

/* Loads the root task from the boot archive into memory taken from free,
 * builds its address space and makes it runnable. Returns NULL or what is
 * wrong with the archive or the image. */
const char *roottask_create(const void *archive, size_t archive_size, struct memregion_set *free,
			    const struct hw_desc *hw, uint32_t counter_hz);

#endif
