//! The tags a model gives words: the content of a quote, its source (speaker) and its cue, each
//! begun and gone on with (BIO).

/// How many tags there are.
pub const TAG_COUNT: usize = 7;

/// What a word is to an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Nothing.
    Outside = 0,
    /// The first word of a piece of a quote's content.
    ContentBegin = 1,
    /// A further word of it.
    ContentInside = 2,
    /// The first word of a speaker.
    SourceBegin = 3,
    /// A further word of it.
    SourceInside = 4,
    /// The first word of a cue.
    CueBegin = 5,
    /// A further word of it.
    CueInside = 6,
}

/// What a stretch of tagged words is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A piece of a quote's content.
    Content,
    /// A speaker.
    Source,
    /// A cue.
    Cue,
}

impl Tag {
    /// Every tag, by its number.
    pub const ALL: [Tag; TAG_COUNT] = [
        Tag::Outside,
        Tag::ContentBegin,
        Tag::ContentInside,
        Tag::SourceBegin,
        Tag::SourceInside,
        Tag::CueBegin,
        Tag::CueInside,
    ];

    /// The begin tag of `part`.
    pub fn begin(part: Part) -> Tag {
        match part {
            Part::Content => Tag::ContentBegin,
            Part::Source => Tag::SourceBegin,
            Part::Cue => Tag::CueBegin,
        }
    }

    /// The inside tag of `part`.
    pub fn inside(part: Part) -> Tag {
        match part {
            Part::Content => Tag::ContentInside,
            Part::Source => Tag::SourceInside,
            Part::Cue => Tag::CueInside,
        }
    }

    /// The part this tag is of, none for [`Tag::Outside`].
    pub fn part(self) -> Option<Part> {
        match self {
            Tag::Outside => None,
            Tag::ContentBegin | Tag::ContentInside => Some(Part::Content),
            Tag::SourceBegin | Tag::SourceInside => Some(Part::Source),
            Tag::CueBegin | Tag::CueInside => Some(Part::Cue),
        }
    }

    /// True for an inside tag.
    pub fn is_inside(self) -> bool {
        matches!(
            self,
            Tag::ContentInside | Tag::SourceInside | Tag::CueInside
        )
    }

    /// True when this tag may come after `before` (`None`: at the start): an inside tag only
    /// goes on a stretch of its part.
    pub fn may_follow(self, before: Option<Tag>) -> bool {
        !self.is_inside() || before.is_some_and(|b| b.part() == self.part())
    }
}

/// A stretch of words of one part: (part, first position, end position).
pub type Stretch = (Part, usize, usize);

/// The stretches of `tags`.
pub fn stretches(tags: &[Tag]) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    for (at, tag) in tags.iter().enumerate() {
        let Some(part) = tag.part() else {
            continue;
        };
        match out.last_mut() {
            Some(last) if tag.is_inside() && last.0 == part && last.2 == at => last.2 = at + 1,
            _ => out.push((part, at, at + 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_begin_at_begin_tags_and_go_on_with_inside_tags() {
        use Tag::*;
        let cases: &[(&[Tag], &[Stretch])] = &[
            (&[], &[]),
            (&[Outside, Outside], &[]),
            (
                &[ContentBegin, ContentInside, Outside, SourceBegin],
                &[(Part::Content, 0, 2), (Part::Source, 3, 4)],
            ),
            (
                &[ContentBegin, ContentBegin, ContentInside],
                &[(Part::Content, 0, 1), (Part::Content, 1, 3)],
            ),
            (
                &[CueBegin, CueInside, ContentBegin],
                &[(Part::Cue, 0, 2), (Part::Content, 2, 3)],
            ),
        ];
        for (tags, expected) in cases {
            assert_eq!(stretches(tags), *expected, "{tags:?}");
        }
    }

    #[test]
    fn an_inside_tag_only_goes_on_its_own_part() {
        use Tag::*;
        let cases = [
            (ContentInside, None, false),
            (ContentInside, Some(ContentBegin), true),
            (ContentInside, Some(ContentInside), true),
            (ContentInside, Some(SourceBegin), false),
            (SourceBegin, None, true),
            (Outside, Some(CueInside), true),
        ];
        for (tag, before, allowed) in cases {
            assert_eq!(tag.may_follow(before), allowed, "{tag:?} after {before:?}");
        }
    }
}
