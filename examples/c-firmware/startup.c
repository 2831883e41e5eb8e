/*
 * The C firmware example's boot code, for any Cortex-M3/M4 (no vendor files): the vector
 * table, a Reset_Handler that copies .data, zeroes .bss, turns the FPU on (hard-float
 * builds) and calls main, a fault handler that reports and stops, and semihosting
 * (`bkpt 0xAB`) for output and the exit status.
 */
#include "board.h"

#include <stddef.h>

int main(void);
void Reset_Handler(void);
void Fault_Handler(void);

/* From link.ld. */
extern uint32_t _estack, _sidata, _sdata, _edata, _sbss;

/* Semihosting operations and ADP_Stopped_* reasons (Arm semihosting v2). */
#define SYS_WRITE0 0x04u
#define SYS_EXIT 0x18u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN 0x20023u

static uint32_t semihost(uint32_t op, uintptr_t arg) {
    register uint32_t r0 __asm__("r0") = op;
    register uintptr_t r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void board_write(const char *text) {
    semihost(SYS_WRITE0, (uintptr_t)text);
}

void board_exit(int ok) {
    /* On 32-bit Arm, SYS_EXIT takes the reason itself in r1: QEMU exits 0 for
       ApplicationExit and 1 for any other reason. */
    semihost(SYS_EXIT, ok ? ADP_STOPPED_APPLICATION_EXIT : ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN);
    for (;;) {
    }
}

void Reset_Handler(void) {
    const uint32_t *from = &_sidata;
    uint32_t *to;
    for (to = &_sdata; to < &_edata; to++) {
        *to = *from++;
    }
    for (to = &_sbss; to < &_ebss; to++) {
        *to = 0;
    }
#if defined(__ARM_FP)
    /* CPACR: full access to CP10 and CP11 (the FPU) before any floating-point code. */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    board_exit(main() == 0);
}

/* Any fault or unexpected exception: say so and stop (instead of hanging). */
void Fault_Handler(void) {
    board_write("fault: unexpected exception\n");
    board_exit(0);
}

/* The core's 16 entries; no peripheral interrupt is enabled, so none follows. */
typedef union {
    const uint32_t *stack;
    void (*handler)(void);
} vector;

__attribute__((section(".vectors"), used)) static const vector vectors[16] = {
    {.stack = &_estack}, /* initial stack pointer */
    {.handler = Reset_Handler},
    {.handler = Fault_Handler}, /* NMI */
    {.handler = Fault_Handler}, /* HardFault */
    {.handler = Fault_Handler}, /* MemManage */
    {.handler = Fault_Handler}, /* BusFault */
    {.handler = Fault_Handler}, /* UsageFault */
    {NULL},
    {NULL},
    {NULL},
    {NULL},
    {.handler = Fault_Handler}, /* SVCall */
    {.handler = Fault_Handler}, /* DebugMonitor */
    {NULL},
    {.handler = Fault_Handler}, /* PendSV */
    {.handler = Fault_Handler}, /* SysTick */
};
