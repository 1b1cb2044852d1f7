// SPDX-License-Identifier: MIT
#include <tern/fdt.h>
#include "bench_device.h"

void bench_device_init(struct bench_device *b, const void *dtb, size_t size)
{
	struct fdt fdt;
	b->present = fdt_open(&fdt, dtb, size) == 0 &&
		     fdt_find_compatible(&fdt, -1, "tern,bench-device") >= 0;
	b->vmm_cycles = 0;
}

bool bench_device_read(const struct bench_device *b, uint32_t offset, unsigned size, uint32_t *value)
{
	if (size != 4)
		return false;
	switch (offset) {
	case BENCH_NULL:
		*value = 0;
		return true;
	case BENCH_VMM_CYCLES:
		*value = b->vmm_cycles;
		return true;
	default:
		return false;
	}
}

bool bench_device_write(struct bench_device *b, uint32_t offset, unsigned size, uint32_t value)
{
	(void)b, (void)value;
	return size == 4 && offset == BENCH_NULL;
}
