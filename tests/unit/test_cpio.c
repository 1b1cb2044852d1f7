// SPDX-License-Identifier: MIT
/* The boot archive reader, on archives written by the real cpio tool. */
#include "unit.h"
#include <tern/cpio.h>

static void *load_archive(size_t *size)
{
	return load_test_file("test.cpio", size);
}

static void finds_files_written_by_cpio(void **state)
{
	size_t size;
	char *a = load_archive(&size);
	struct cpio_entry e;
	assert_int_equal(cpio_find(a, size, "hello.txt", &e), CPIO_OK);
	assert_int_equal(e.size, 6);
	assert_memory_equal(e.data, "hello\n", 6);
	assert_int_equal(cpio_find(a, size, "dir/five.bin", &e), CPIO_OK);
	assert_int_equal(e.size, 5);
	assert_int_equal(cpio_find(a, size, "missing", &e), -CPIO_NOT_FOUND);
	free(a);
}

static void walks_to_the_trailer(void **state)
{
	size_t size;
	char *a = load_archive(&size);
	struct cpio_entry e;
	size_t off = 0;
	unsigned files = 0;
	int r;
	while ((r = cpio_read_entry(a, size, off, &e)) == CPIO_OK) {
		files++;
		off = e.next;
	}
	assert_int_equal(r, CPIO_END);
	assert_true(files >= 2);
	free(a);
}

static void refuses_damaged_archives(void **state)
{
	size_t size;
	char *a = load_archive(&size);
	struct cpio_entry e;
	assert_int_equal(cpio_read_entry(a, 50, 0, &e), -CPIO_TRUNCATED);
	assert_int_equal(cpio_read_entry(a, size, size + 4, &e), -CPIO_TRUNCATED);
	char *b = malloc(size);
	memcpy(b, a, size);
	b[0] = '1';
	assert_int_equal(cpio_find(b, size, "hello.txt", &e), -CPIO_BAD_MAGIC);
	memcpy(b, a, size);
	b[6 + 8 * 6] = 'z'; /* filesize field */
	assert_int_equal(cpio_read_entry(b, size, 0, &e), -CPIO_BAD_FIELD);
	memcpy(b, a, size);
	memcpy(b + 6 + 8 * 6, "7fffffff", 8); /* a file larger than the archive */
	assert_int_equal(cpio_read_entry(b, size, 0, &e), -CPIO_TRUNCATED);
	memcpy(b, a, size);
	memcpy(b + 6 + 8 * 11, "00010000", 8); /* a name longer than the archive */
	assert_int_equal(cpio_read_entry(b, size, 0, &e), -CPIO_TRUNCATED);
	assert_non_null(strstr(cpio_strerror(-CPIO_BAD_MAGIC), "070701"));
	free(b);
	free(a);
}

static void survives_every_single_byte_corruption(void **state)
{
	size_t size;
	char *a = load_archive(&size);
	char *b = malloc(size);
	srand(3);
	for (size_t i = 0; i < size; i++) {
		memcpy(b, a, size);
		b[i] = (char)(rand() % 256);
		struct cpio_entry e;
		size_t off = 0;
		for (int n = 0; n < 100 && cpio_read_entry(b, size, off, &e) == CPIO_OK; n++) {
			assert_true((const char *)e.data + e.size <= b + size);
			off = e.next;
		}
	}
	free(b);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_files_written_by_cpio),
		cmocka_unit_test(walks_to_the_trailer),
		cmocka_unit_test(refuses_damaged_archives),
		cmocka_unit_test(survives_every_single_byte_corruption),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
