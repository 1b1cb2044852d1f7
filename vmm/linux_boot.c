// SPDX-License-Identifier: MIT
/* Linux's ARM boot protocol (Documentation/arm/booting.rst): zImage with its
 * magic at offset 0x24, a device tree below 128 MiB of RAM's start, the
 * initramfs range in /chosen. */
#include <tern/string.h>
#include "bulk_copy.h"
#include "fdt_edit.h"
#include "guest_map.h"
#include "linux_boot.h"

#define ZIMAGE_MAGIC 0x016f2818u
#define ZIMAGE_MAGIC_OFFSET 0x24
#define ZIMAGE_START_OFFSET 0x28
#define ZIMAGE_END_OFFSET 0x2c

static uint32_t le32(const void *p)
{
	const uint8_t *b = p;
	return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

const char *linux_check_zimage(const void *image, size_t size)
{
	if (size < 0x30)
		return "the zImage is shorter than its header";
	if (le32((const uint8_t *)image + ZIMAGE_MAGIC_OFFSET) != ZIMAGE_MAGIC)
		return "not a zImage (no magic 0x016f2818 at offset 0x24)";
	uint32_t start = le32((const uint8_t *)image + ZIMAGE_START_OFFSET);
	uint32_t end = le32((const uint8_t *)image + ZIMAGE_END_OFFSET);
	if (end <= start || end - start > size)
		return "the zImage's header gives a size larger than the file (truncated?)";
	return NULL;
}

const char *linux_place_dtb(const struct linux_images *img, uint8_t *ram, uint32_t *dtb_ipa)
{
	const char *bad = fdt_edit_check(img->dtb, img->dtb_size);
	if (bad)
		return bad;

	uint8_t *dtb = ram + guest_dtb_offset(img->ram_bytes);
	int err = fdt_edit_open(dtb, GUEST_DTB_MAX, img->dtb, img->dtb_size);
	const uint32_t memory_reg[] = {img->ram_base, img->ram_bytes};
	if (!err)
		err = fdt_edit_setprop_cells(dtb, "/memory", "reg", memory_reg, 2);
	if (!err)
		err = fdt_edit_setprop_string(dtb, "/chosen", "bootargs", img->bootargs);
	if (!err && img->initrd) {
		uint32_t start = img->ram_base + GUEST_INITRD_OFFSET;
		err = fdt_edit_setprop_u32(dtb, "/chosen", "linux,initrd-start", start);
		if (!err)
			err = fdt_edit_setprop_u32(dtb, "/chosen", "linux,initrd-end",
						   start + (uint32_t)img->initrd_size);
	}
	if (err)
		return fdt_edit_strerror(err);
	*dtb_ipa = img->ram_base + guest_dtb_offset(img->ram_bytes);
	return NULL;
}

const char *linux_load(const struct linux_images *img, uint8_t *ram, uint32_t *entry,
		       uint32_t *dtb_ipa)
{
	const char *bad = linux_check_zimage(img->zimage, img->zimage_size);
	if (bad)
		return bad;
	if (img->zimage_size > guest_dtb_offset(img->ram_bytes) - GUEST_ZIMAGE_OFFSET)
		return "the zImage does not fit below the device tree";
	if (img->initrd && (img->ram_bytes < GUEST_INITRD_OFFSET ||
			    img->initrd_size > img->ram_bytes - GUEST_INITRD_OFFSET))
		return "the initramfs does not fit in guest RAM";
	if ((bad = linux_place_dtb(img, ram, dtb_ipa)))
		return bad;

	bulk_copy(ram + GUEST_ZIMAGE_OFFSET, img->zimage, img->zimage_size);
	if (img->initrd)
		bulk_copy(ram + GUEST_INITRD_OFFSET, img->initrd, img->initrd_size);
	*entry = img->ram_base + GUEST_ZIMAGE_OFFSET;
	return NULL;
}
