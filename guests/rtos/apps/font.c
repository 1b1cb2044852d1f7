// SPDX-License-Identifier: MIT
#include "font.h"

/* One row per 3 bits, bit 2 the left column, top row first. */
static const uint8_t digits[10][FONT_HEIGHT] = {
	{7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
	{7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 2, 2, 2}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7},
};

bool font_digit_pixel(unsigned d, unsigned x, unsigned y)
{
	if (d > 9 || x >= FONT_WIDTH || y >= FONT_HEIGHT)
		return false;
	return digits[d][y] >> (FONT_WIDTH - 1 - x) & 1;
}
