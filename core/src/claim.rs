//! The registered claims of RFC 7519 §4.1 by name: what errors and policies name.

/// A registered claim, or a custom one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Claim {
    /// `exp`, expiration time.
    Exp,
    /// `nbf`, not before.
    Nbf,
    /// `iat`, issued at.
    Iat,
    /// `iss`, issuer.
    Iss,
    /// `sub`, subject.
    Sub,
    /// `aud`, audience.
    Aud,
    /// `jti`, JWT ID.
    Jti,
    /// A claim that is not one of the registered ones above.
    Custom,
}

impl Claim {
    /// The registered claims.
    pub const REGISTERED: [Claim; 7] = [
        Claim::Exp,
        Claim::Nbf,
        Claim::Iat,
        Claim::Iss,
        Claim::Sub,
        Claim::Aud,
        Claim::Jti,
    ];

    /// The claim for a member name (`Custom` for any unregistered name).
    pub fn from_name(name: &str) -> Claim {
        match name {
            "exp" => Claim::Exp,
            "nbf" => Claim::Nbf,
            "iat" => Claim::Iat,
            "iss" => Claim::Iss,
            "sub" => Claim::Sub,
            "aud" => Claim::Aud,
            "jti" => Claim::Jti,
            _ => Claim::Custom,
        }
    }

    /// The member name of a registered claim (`"custom"` for [`Claim::Custom`]).
    pub const fn name(self) -> &'static str {
        match self {
            Claim::Exp => "exp",
            Claim::Nbf => "nbf",
            Claim::Iat => "iat",
            Claim::Iss => "iss",
            Claim::Sub => "sub",
            Claim::Aud => "aud",
            Claim::Jti => "jti",
            Claim::Custom => "custom",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for claim in Claim::REGISTERED {
            assert_eq!(Claim::from_name(claim.name()), claim);
        }
        for name in ["", "ex", "expx", "custom", "EXP", "\0\0\0", "é"] {
            assert_eq!(Claim::from_name(name), Claim::Custom, "{name:?}");
        }
    }
}
