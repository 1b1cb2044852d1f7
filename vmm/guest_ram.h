/* SPDX-License-Identifier: MIT */
/* The guest's RAM as the VMM sees it: guest physical [base, base + size)
 * at host. Every address a guest hands a device (a virtqueue's rings, a
 * buffer) is checked here before the VMM touches it. */
#ifndef VMM_GUEST_RAM_H
#define VMM_GUEST_RAM_H

#include <tern/types.h>

struct guest_ram {
	uint32_t base;
	uint32_t size;
	uint8_t *host;
};

/* Where [addr, addr + length) is in the VMM, or NULL unless the whole
 * range lies in guest RAM. addr is 64-bit (virtio's addresses are);
 * nothing overflows however large addr and length are. */
static inline uint8_t *guest_ram_range(const struct guest_ram *ram, uint64_t addr, uint32_t length)
{
	if (addr < ram->base || addr - ram->base > ram->size ||
	    length > ram->size - (uint32_t)(addr - ram->base))
		return NULL;
	return ram->host + (uint32_t)(addr - ram->base);
}

#endif
