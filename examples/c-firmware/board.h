/*
 * What the C firmware example needs from its board: semihosting output and exit (through
 * the debugger: QEMU here, a probe on hardware), and the end of the statics (for the
 * stack measurement). startup.c implements it.
 */
#ifndef BOARD_H
#define BOARD_H

#include <stdint.h>

/* Writes a NUL-terminated string to the host (semihosting SYS_WRITE0). */
void board_write(const char *text);

/* Ends the program: the debugger (QEMU) exits with status 0 when `ok`, else 1. */
void board_exit(int ok) __attribute__((noreturn));

/* The first address after .data and .bss (from link.ld): the stack grows down to it. */
extern uint32_t _ebss;

#endif /* BOARD_H */
