// SPDX-License-Identifier: MIT
/* The guest image as an ELF executable. The structure (header, program
 * headers, segments inside the file, no size that wraps) is checked by the
 * ELF reader the root task uses (lib/elf.c); what is particular to a
 * guest is checked here: every segment inside guest RAM and clear of the
 * device tree's place (and the initramfs's, if there is one), since the
 * VMM copies to those addresses through its own mapping of guest RAM. */
#include <tern/elf.h>
#include <tern/printf.h>
#include <tern/string.h>
#include "bulk_copy.h"
#include "elf_boot.h"
#include "guest_map.h"

#define ELF_MAGIC_SIZE 4

/* A message naming the segment and the addresses at fault (one guest per
 * VMM, so one message at a time). */
static char problem[160];

bool elf_boot_is_elf(const void *image, size_t size)
{
	return size >= ELF_MAGIC_SIZE && memcmp(image, "\177ELF", ELF_MAGIC_SIZE) == 0;
}

/* Whether [start, start + bytes) and [other, other + other_bytes) (offsets
 * into guest RAM, none wrapping) overlap. */
static bool overlaps(uint32_t start, uint32_t bytes, uint32_t other, uint32_t other_bytes)
{
	return start < other + other_bytes && other < start + bytes;
}

static const char *check_segment(const struct linux_images *img, unsigned index,
				 const struct elf_segment *s)
{
	uint32_t ram_end = img->ram_base + img->ram_bytes - 1;
	/* elf_check() with no limit has ruled out vaddr + memsz wrapping */
	if (s->vaddr < img->ram_base || s->memsz > img->ram_bytes ||
	    s->vaddr - img->ram_base > img->ram_bytes - s->memsz) {
		ksnprintf(problem, sizeof(problem),
			  "ELF segment %u (0x%08x, %u bytes) lies outside guest RAM (0x%08x-0x%08x)",
			  index, s->vaddr, s->memsz, img->ram_base, ram_end);
		return problem;
	}
	uint32_t offset = s->vaddr - img->ram_base;
	if (overlaps(offset, s->memsz, guest_dtb_offset(img->ram_bytes), GUEST_DTB_MAX)) {
		ksnprintf(problem, sizeof(problem),
			  "ELF segment %u (0x%08x, %u bytes) overlaps the device tree's place "
			  "(0x%08x, %u bytes)", index, s->vaddr, s->memsz,
			  img->ram_base + guest_dtb_offset(img->ram_bytes), GUEST_DTB_MAX);
		return problem;
	}
	if (img->initrd && overlaps(offset, s->memsz, GUEST_INITRD_OFFSET, (uint32_t)img->initrd_size)) {
		ksnprintf(problem, sizeof(problem),
			  "ELF segment %u (0x%08x, %u bytes) overlaps the initramfs", index, s->vaddr,
			  s->memsz);
		return problem;
	}
	return NULL;
}

const char *elf_boot_load(const struct linux_images *img, uint8_t *ram, uint32_t *entry,
			  uint32_t *dtb_ipa, uint32_t *loaded_offset, uint32_t *loaded_bytes)
{
	const char *bad = elf_check(img->zimage, img->zimage_size, 0xffffffffu);
	if (bad) {
		ksnprintf(problem, sizeof(problem), "bad ELF image: %s", bad);
		return problem;
	}
	if (img->initrd && (img->ram_bytes < GUEST_INITRD_OFFSET ||
			    img->initrd_size > img->ram_bytes - GUEST_INITRD_OFFSET))
		return "the initramfs does not fit in guest RAM";

	/* every segment is checked before anything is copied */
	unsigned segments = elf_load_segments(img->zimage);
	uint32_t lowest = 0xffffffffu, highest = 0;
	for (unsigned i = 0; i < segments; i++) {
		struct elf_segment s;
		elf_load_segment(img->zimage, i, &s);
		if ((bad = check_segment(img, i, &s)))
			return bad;
		uint32_t offset = s.vaddr - img->ram_base;
		if (offset < lowest)
			lowest = offset;
		if (offset + s.memsz > highest)
			highest = offset + s.memsz;
	}
	if ((bad = linux_place_dtb(img, ram, dtb_ipa)))
		return bad;

	for (unsigned i = 0; i < segments; i++) {
		struct elf_segment s;
		elf_load_segment(img->zimage, i, &s);
		uint8_t *at = ram + (s.vaddr - img->ram_base);
		bulk_copy(at, s.data, s.filesz);
		memset(at + s.filesz, 0, s.memsz - s.filesz);
	}
	if (img->initrd)
		bulk_copy(ram + GUEST_INITRD_OFFSET, img->initrd, img->initrd_size);
	*entry = elf_entry(img->zimage);
	*loaded_offset = lowest;
	*loaded_bytes = highest > lowest ? highest - lowest : 0;
	return NULL;
}
