//! What the window tells the user: a bounded list of messages, each with how much it matters.
//! Info goes to the status bar; warnings and errors to the banner until dismissed.

/// Messages kept, at most.
const MAX_MESSAGES: usize = 50;

/// How much a message matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Something done.
    Info,
    /// Something to look at.
    Warning,
    /// Something failed.
    Error,
}

/// A message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// How much it matters.
    pub severity: Severity,
    /// What it says.
    pub text: String,
}

/// The messages so far, oldest first.
#[derive(Default)]
pub struct Messages {
    list: Vec<Message>,
}

impl Messages {
    /// Adds a message (and logs it), forgetting the oldest beyond [`MAX_MESSAGES`].
    pub fn say(&mut self, severity: Severity, text: impl Into<String>) {
        let text = text.into();
        match severity {
            Severity::Error => log::error!("{text}"),
            Severity::Warning => log::warn!("{text}"),
            Severity::Info => log::info!("{text}"),
        }
        self.list.push(Message { severity, text });
        if self.list.len() > MAX_MESSAGES {
            self.list.remove(0);
        }
    }

    /// Every message, oldest first.
    pub fn all(&self) -> &[Message] {
        &self.list
    }

    /// The latest message of `severity`.
    pub fn latest(&self, severity: Severity) -> Option<&Message> {
        self.list.iter().rev().find(|m| m.severity == severity)
    }

    /// Takes message `index` (of [`Messages::all`]) away.
    pub fn dismiss(&mut self, index: usize) {
        if index < self.list.len() {
            self.list.remove(index);
        }
    }
}
