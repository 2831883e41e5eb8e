//! Peak stack of one call, measured on the target: the free stack below the caller is
//! painted with a pattern, the call runs, and the deepest word no longer holding the pattern
//! marks the high-water line.

use core::hint::black_box;
use core::ptr;

const PAINT: u32 = 0xC0DE_5AFE;
/// Never paint closer to the statics than this, nor more than this much in all.
const MAX_DEPTH: usize = 16 * 1024;

unsafe extern "C" {
    // cortex-m-rt's linker script: the first free address after `.data` and `.bss`.
    static __sheap: u32;
}

/// Runs `f` and returns its result with the bytes of stack it used below this function's
/// frame, or `None` for the bytes when it used all of the painted area (it may have used
/// more).
#[inline(never)]
pub fn peak<R>(f: &mut dyn FnMut() -> R) -> (R, Option<usize>) {
    let top = cortex_m::register::msp::read() as usize & !3;
    let floor = (&raw const __sheap) as usize;
    let bottom = top.saturating_sub(MAX_DEPTH).max(floor + 64);
    // SAFETY: [bottom, top) lies below this function's stack pointer, in the RAM between
    // the statics (`__sheap`) and the stack: no live object is there, and nothing else runs
    // (no interrupt is enabled) that could be using it. Volatile writes, word-aligned.
    unsafe {
        let mut at = bottom;
        while at < top {
            ptr::write_volatile(at as *mut u32, PAINT);
            at += 4;
        }
    }
    // A call through a vtable hidden by `black_box`, so that `f` runs in frames below this
    // one and is not inlined into it (its locals would then sit above `top`, uncounted).
    let result = black_box(f)();
    let mut at = bottom;
    // SAFETY: reads of the same painted, word-aligned range; `f` has returned, so what is
    // there is dead stack.
    while at < top && unsafe { ptr::read_volatile(at as *const u32) } == PAINT {
        at += 4;
    }
    let used = (at > bottom).then_some(top - at);
    (result, used)
}
