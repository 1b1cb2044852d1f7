/* SPDX-License-Identifier: MIT */
/* Booting Linux the way a boot loader does: the zImage checked and placed,
 * the device tree's /chosen and /memory filled in, the initramfs loaded. */
#ifndef VMM_LINUX_BOOT_H
#define VMM_LINUX_BOOT_H

#include <tern/types.h>

struct linux_images {
	const void *zimage;
	size_t zimage_size;
	const void *dtb;
	size_t dtb_size;
	const void *initrd;   /* NULL: none */
	size_t initrd_size;
	const char *bootargs;
	uint32_t ram_base, ram_bytes;
};

/* Checks a zImage: NULL or what is wrong with it. */
const char *linux_check_zimage(const void *image, size_t size);
/* Copies the images into guest RAM (mapped at `ram` in the VMM) and fills
 * the DTB. Returns NULL or a message naming what is wrong. *dtb_ipa and
 * *entry get the guest addresses for r2 and pc. */
/* Copies the DTB to its place in guest RAM (guest_dtb_offset()) and fills
 * /memory, /chosen's bootargs and the initramfs range: what every boot
 * protocol the VMM speaks gives its guest. NULL or what is wrong. */
const char *linux_place_dtb(const struct linux_images *img, uint8_t *ram, uint32_t *dtb_ipa);
const char *linux_load(const struct linux_images *img, uint8_t *ram, uint32_t *entry,
		       uint32_t *dtb_ipa);

#endif
