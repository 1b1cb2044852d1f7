/* SPDX-License-Identifier: MIT */
/* Booting a bare ELF executable as the guest (the RTOS, guests/rtos/):
 * its PT_LOAD segments copied to guest RAM at their addresses (the guest
 * starts with its MMU off, so an address is a guest physical address),
 * the device tree placed as for Linux, entry at e_entry with the same
 * registers as Linux's boot protocol. */
#ifndef VMM_ELF_BOOT_H
#define VMM_ELF_BOOT_H

#include "linux_boot.h"

/* Whether the guest image starts with the ELF magic (then it is booted
 * as an ELF executable, whatever else is wrong with it). */
bool elf_boot_is_elf(const void *image, size_t size);
/* Checks the image in img->zimage against guest RAM, copies its segments
 * and the DTB into guest RAM (mapped at `ram` in the VMM). Returns NULL or
 * a message naming what is wrong; *entry and *dtb_ipa get pc and r2, and
 * *loaded_offset and *loaded_bytes the range of guest RAM (from its base)
 * the segments cover, to be cleaned to memory before the guest starts. */
const char *elf_boot_load(const struct linux_images *img, uint8_t *ram, uint32_t *entry,
			  uint32_t *dtb_ipa, uint32_t *loaded_offset, uint32_t *loaded_bytes);

#endif
