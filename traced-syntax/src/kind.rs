//! Span kinds, as `kind = ...` and the registry's span declarations write them.

/// A span kind (`kind = ...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An operation inside the process (the default).
    Internal,
    /// Handling a request from a remote client.
    Server,
    /// A request to a remote service.
    Client,
    /// Sending a message to be handled later.
    Producer,
    /// Handling a message that a producer sent.
    Consumer,
}

impl Kind {
    /// Every kind, in the order errors list them.
    pub const ALL: [Kind; 5] = [
        Kind::Internal,
        Kind::Server,
        Kind::Client,
        Kind::Producer,
        Kind::Consumer,
    ];

    /// As written in `kind = ...`.
    pub fn written(self) -> &'static str {
        match self {
            Kind::Internal => "internal",
            Kind::Server => "server",
            Kind::Client => "client",
            Kind::Producer => "producer",
            Kind::Consumer => "consumer",
        }
    }

    /// The kind written `written`, if it is one.
    pub fn from_written(written: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.written() == written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_back_as_written() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_written(kind.written()), Some(kind));
        }
        assert_eq!(Kind::from_written("Server"), None);
        assert_eq!(Kind::from_written("backend"), None);
    }
}
