// SPDX-License-Identifier: MIT
#include <tern/printf.h>

struct spec {
	bool left;
	bool zero;
	unsigned width;
	int precision; /* -1: none */
};

struct sink {
	kformat_out_t out;
	void *ctx;
	int count;
};

static void emit(struct sink *s, char c)
{
	s->out(c, s->ctx);
	s->count++;
}

static void pad(struct sink *s, unsigned n, char c)
{
	while (n--)
		emit(s, c);
}

static void emit_string(struct sink *s, const struct spec *sp, const char *str)
{
	unsigned len = 0;
	if (!str)
		str = "(null)";
	while (str[len] && (sp->precision < 0 || len < (unsigned)sp->precision))
		len++;
	if (!sp->left && sp->width > len)
		pad(s, sp->width - len, ' ');
	for (unsigned i = 0; i < len; i++)
		emit(s, str[i]);
	if (sp->left && sp->width > len)
		pad(s, sp->width - len, ' ');
}

static void emit_number(struct sink *s, const struct spec *sp, unsigned long long v,
			unsigned base, bool negative, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	unsigned len = 0;

	do {
		buf[len++] = digits[v % base];
		v /= base;
	} while (v);
	unsigned total = len + (negative ? 1 : 0);
	if (!sp->left && !sp->zero && sp->width > total)
		pad(s, sp->width - total, ' ');
	if (negative)
		emit(s, '-');
	if (!sp->left && sp->zero && sp->width > total)
		pad(s, sp->width - total, '0');
	while (len)
		emit(s, buf[--len]);
	if (sp->left && sp->width > total)
		pad(s, sp->width - total, ' ');
}

int kformat(kformat_out_t out, void *ctx, const char *fmt, va_list ap)
{
	struct sink s = {out, ctx, 0};

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(&s, *fmt);
			continue;
		}
		struct spec sp = {false, false, 0, -1};
		for (;; fmt++) {
			if (fmt[1] == '-')
				sp.left = true;
			else if (fmt[1] == '0')
				sp.zero = true;
			else
				break;
		}
		while (fmt[1] >= '0' && fmt[1] <= '9')
			sp.width = sp.width * 10 + (unsigned)(*++fmt - '0');
		if (fmt[1] == '.') {
			fmt++;
			sp.precision = 0;
			while (fmt[1] >= '0' && fmt[1] <= '9')
				sp.precision = sp.precision * 10 + (*++fmt - '0');
		}
		int longs = 0;
		bool size_t_arg = false;
		while (fmt[1] == 'l' || fmt[1] == 'z') {
			if (*++fmt == 'z')
				size_t_arg = true;
			else
				longs++;
		}
		char conv = *++fmt;
		unsigned long long u;
		switch (conv) {
		case 'c':
			emit(&s, (char)va_arg(ap, int));
			break;
		case 's':
			emit_string(&s, &sp, va_arg(ap, const char *));
			break;
		case 'd':
		case 'i': {
			long long v = size_t_arg ? (long long)va_arg(ap, ptrdiff_t)
				      : longs >= 2 ? va_arg(ap, long long)
				      : longs == 1 ? va_arg(ap, long)
						   : va_arg(ap, int);
			u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
			emit_number(&s, &sp, u, 10, v < 0, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			u = size_t_arg ? va_arg(ap, size_t)
			    : longs >= 2 ? va_arg(ap, unsigned long long)
			    : longs == 1 ? va_arg(ap, unsigned long)
					 : va_arg(ap, unsigned int);
			emit_number(&s, &sp, u, conv == 'u' ? 10 : 16, false, conv == 'X');
			break;
		case 'p':
			emit(&s, '0');
			emit(&s, 'x');
			sp.zero = true;
			sp.width = 2 * sizeof(void *);
			emit_number(&s, &sp, (uintptr_t)va_arg(ap, void *), 16, false, false);
			break;
		case '%':
			emit(&s, '%');
			break;
		case '\0':
			return s.count; /* a lone '%' at the end */
		default:
			/* Unknown conversion: show it rather than guess its argument. */
			emit(&s, '%');
			emit(&s, conv);
			break;
		}
	}
	return s.count;
}

struct buffer {
	char *buf;
	size_t size;
	size_t pos;
};

static void buffer_out(char c, void *ctx)
{
	struct buffer *b = ctx;
	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buffer b = {buf, size, 0};
	int n = kformat(buffer_out, &b, fmt, ap);
	if (size)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
