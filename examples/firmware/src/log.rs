//! One way to print, whichever the build logs through: semihosting text by default, defmt
//! frames over semihosting with the `defmt` feature (decoded on the host by `defmt-print`).

/// Prints one line. The format string is the subset both back ends accept: `{}` with
/// strings and integers.
#[cfg(not(feature = "defmt"))]
macro_rules! say {
    ($($arg:tt)*) => { cortex_m_semihosting::hprintln!($($arg)*) };
}

/// Prints one line. The format string is the subset both back ends accept: `{}` with
/// strings and integers.
#[cfg(feature = "defmt")]
macro_rules! say {
    ($($arg:tt)*) => { defmt::println!($($arg)*) };
}

pub(crate) use say;

#[cfg(feature = "defmt")]
use defmt_semihosting as _;
