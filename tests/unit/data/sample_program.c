// SPDX-License-Identifier: MIT
/* A tiny ARM program whose ELF file the ELF reader's tests load. */
int counter = 42;
static char zeroed[8192];

void _start(void);
void _start(void)
{
	for (;;)
		zeroed[counter++ % sizeof(zeroed)]++;
}
