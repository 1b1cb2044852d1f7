// SPDX-License-Identifier: MIT
/* The video application: an animated test scene rendered into the RTOS's
 * window of the display at VIDEO_FPS, paced by the RTOS timer on a fixed
 * grid of frame times. The scene: diagonal colour bands scrolling, a box
 * bouncing off the edges, and the frame number in large digits, so both
 * motion and progress are visible on screen. Pixels are a8r8g8b8. */
#include "../board.h"
#include "../include/rtos.h"
#include "apps.h"
#include "font.h"

#define BOX_SIDE 48
#define DIGITS 8
#define DIGIT_SCALE 6
#define DIGIT_ADVANCE ((FONT_WIDTH + 1) * DIGIT_SCALE)
#define MARGIN 8
#define OPAQUE 0xff000000u
#define WHITE 0xffffffffu
#define BLACK 0xff000000u

static const uint32_t bands[8] = {
	0xffc00000u, 0xffc0c000u, 0xff00c000u, 0xff00c0c0u,
	0xff0000c0u, 0xffc000c0u, 0xff808080u, 0xff404040u,
};

static volatile uint32_t frames, skipped;
static volatile bool playing = true;

static uint32_t *pixel_row(unsigned y)
{
	return (uint32_t *)(board.fb.base + y * board.fb.stride);
}

/* 0 .. range and back, one step per unit of t. */
static unsigned bounce(unsigned t, unsigned range)
{
	if (!range)
		return 0;
	unsigned phase = t % (2 * range);
	return phase < range ? phase : 2 * range - phase;
}

static void draw_background(uint32_t frame)
{
	for (unsigned y = 0; y < board.fb.height; y++) {
		uint32_t *row = pixel_row(y);
		unsigned shift = y + 2 * frame;
		for (unsigned x = 0; x < board.fb.width; x++)
			row[x] = bands[((x + shift) >> 4) & 7];
	}
}

static void fill(unsigned x0, unsigned y0, unsigned w, unsigned h, uint32_t colour)
{
	for (unsigned y = y0; y < y0 + h && y < board.fb.height; y++) {
		uint32_t *row = pixel_row(y);
		for (unsigned x = x0; x < x0 + w && x < board.fb.width; x++)
			row[x] = colour;
	}
}

static void draw_box(uint32_t frame)
{
	unsigned side = BOX_SIDE;
	if (side > board.fb.width || side > board.fb.height)
		return;
	unsigned x = bounce(frame * 3, board.fb.width - side);
	unsigned y = bounce(frame * 2, board.fb.height - side);
	fill(x, y, side, side, WHITE);
	fill(x + 4, y + 4, side - 8, side - 8, OPAQUE | (frame * 0x010305u & 0xffffffu));
}

static void draw_number(uint32_t n)
{
	unsigned x0 = MARGIN, y0 = MARGIN;
	fill(x0 - 4, y0 - 4, DIGITS * DIGIT_ADVANCE + 4, FONT_HEIGHT * DIGIT_SCALE + 8, BLACK);
	for (unsigned i = 0; i < DIGITS; i++) {
		unsigned d = n % 10;
		n /= 10;
		unsigned left = x0 + (DIGITS - 1 - i) * DIGIT_ADVANCE;
		for (unsigned gy = 0; gy < FONT_HEIGHT; gy++)
			for (unsigned gx = 0; gx < FONT_WIDTH; gx++)
				if (font_digit_pixel(d, gx, gy))
					fill(left + gx * DIGIT_SCALE, y0 + gy * DIGIT_SCALE, DIGIT_SCALE,
					     DIGIT_SCALE, WHITE);
	}
}

void video_thread(void *arg)
{
	if (!board.fb.size) {
		say("video: no display window, not rendering (%s)", board.fb_problem);
		return;
	}
	uint64_t period = time_from_us(1000000u / VIDEO_FPS);
	uint64_t next = time_now();
	for (;;) {
		if (playing) {
			uint32_t frame = frames;
			draw_background(frame);
			draw_box(frame);
			draw_number(frame);
			frames = frame + 1;
		}
		next += period;
		uint64_t now = time_now();
		if (now >= next) {
			/* late by a frame or more: drop the missed frame times, keep the grid */
			uint64_t missed = (now - next) / period + 1;
			skipped += (uint32_t)missed;
			next += missed * period;
		}
		sleep_until(next);
	}
}

void video_set_playing(bool on)
{
	playing = on;
}

bool video_playing(void)
{
	return playing;
}

void video_read_stats(struct video_stats *out)
{
	out->frames = frames;
	out->skipped = skipped;
	out->checksum = video_window_checksum();
}

uint32_t video_window_checksum(void)
{
	if (!board.fb.size)
		return 0;
	uint32_t h = 2166136261u; /* FNV-1a over the pixels */
	for (unsigned y = 0; y < board.fb.height; y++) {
		const uint32_t *row = pixel_row(y);
		for (unsigned x = 0; x < board.fb.width; x++)
			h = (h ^ row[x]) * 16777619u;
	}
	return h;
}
