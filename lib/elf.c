// SPDX-License-Identifier: MIT
#include <tern/elf.h>
#include <tern/string.h>

#define EI_NIDENT 16
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define ET_EXEC 2
#define EM_ARM 40
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define MAX_SEGMENTS 16

struct elf32_ehdr {
	uint8_t ident[EI_NIDENT];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* Headers are copied out rather than cast: the image need not be aligned. */
static void read_ehdr(const void *image, struct elf32_ehdr *h)
{
	memcpy(h, image, sizeof(*h));
}

static void read_phdr(const void *image, unsigned i, struct elf32_phdr *p)
{
	struct elf32_ehdr h;
	read_ehdr(image, &h);
	memcpy(p, (const uint8_t *)image + h.phoff + (size_t)i * h.phentsize, sizeof(*p));
}

const char *elf_check(const void *image, size_t size, uint32_t user_limit)
{
	struct elf32_ehdr h;
	if (size < sizeof(h))
		return "shorter than an ELF header";
	read_ehdr(image, &h);
	if (memcmp(h.ident, "\177ELF", 4) != 0)
		return "not an ELF file (bad magic)";
	if (h.ident[4] != ELFCLASS32 || h.ident[5] != ELFDATA2LSB)
		return "not a 32-bit little-endian ELF file";
	if (h.type != ET_EXEC)
		return "not an executable (ELF type is not EXEC)";
	if (h.machine != EM_ARM)
		return "not an ARM executable";
	if (h.phentsize != sizeof(struct elf32_phdr) || h.phnum == 0 || h.phnum > MAX_SEGMENTS)
		return "bad program header table size";
	if (h.phoff > size || (size_t)h.phnum * h.phentsize > size - h.phoff)
		return "program header table runs past the end of the file";

	bool entry_in_text = false;
	unsigned loads = 0;
	for (unsigned i = 0; i < h.phnum; i++) {
		struct elf32_phdr p;
		read_phdr(image, i, &p);
		if (p.type != PT_LOAD)
			continue;
		loads++;
		if (p.filesz > p.memsz)
			return "a segment's file size exceeds its memory size";
		if (p.offset > size || p.filesz > size - p.offset)
			return "a segment runs past the end of the file";
		if (p.memsz > user_limit || p.vaddr > user_limit - p.memsz)
			return "a segment lies outside the user address range";
		if ((p.flags & PF_X) && h.entry >= p.vaddr && h.entry - p.vaddr < p.memsz)
			entry_in_text = true;
	}
	if (!loads)
		return "no loadable segment";
	if (!entry_in_text)
		return "the entry point is not in an executable segment";
	return NULL;
}

uint32_t elf_entry(const void *image)
{
	struct elf32_ehdr h;
	read_ehdr(image, &h);
	return h.entry;
}

unsigned elf_load_segments(const void *image)
{
	struct elf32_ehdr h;
	read_ehdr(image, &h);
	unsigned n = 0;
	for (unsigned i = 0; i < h.phnum; i++) {
		struct elf32_phdr p;
		read_phdr(image, i, &p);
		n += p.type == PT_LOAD;
	}
	return n;
}

void elf_load_segment(const void *image, unsigned index, struct elf_segment *seg)
{
	struct elf32_ehdr h;
	read_ehdr(image, &h);
	for (unsigned i = 0, n = 0; i < h.phnum; i++) {
		struct elf32_phdr p;
		read_phdr(image, i, &p);
		if (p.type != PT_LOAD || n++ != index)
			continue;
		seg->vaddr = p.vaddr;
		seg->memsz = p.memsz;
		seg->filesz = p.filesz;
		seg->data = (const uint8_t *)image + p.offset;
		seg->writable = p.flags & PF_W;
		seg->executable = p.flags & PF_X;
		return;
	}
	memset(seg, 0, sizeof(*seg));
}
