/* SPDX-License-Identifier: MIT */
/* Decimal digits as 3x5 pixel glyphs, for numbers drawn into the display
 * window (font.c). */
#ifndef RTOS_FONT_H
#define RTOS_FONT_H

#include <tern/types.h>

#define FONT_WIDTH 3
#define FONT_HEIGHT 5

/* Whether pixel (x, y) of digit d (0-9) is set. */
bool font_digit_pixel(unsigned d, unsigned x, unsigned y);

#endif
