//! Selection and scroll offset of a list whose viewport height is known.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
}

impl ListCursor {
    /// Moves by `delta` rows, clamped to `0..len`, keeping the selection visible.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Self::default();
            return;
        }
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, len as isize - 1) as usize;
        self.follow(len, height);
    }

    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.follow(len, height);
    }

    /// Scrolls the minimum needed to show the selection; clamps to the list.
    pub fn follow(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        if len == 0 {
            *self = Self::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// Scrolls the view without moving past the selection's visibility.
    pub fn scroll(&mut self, delta: isize, len: usize, height: usize) {
        let max = len.saturating_sub(height.max(1)) as isize;
        self.offset = (self.offset as isize + delta).clamp(0, max.max(0)) as usize;
        if self.selected < self.offset {
            self.selected = self.offset;
        } else if self.selected >= self.offset + height.max(1) {
            self.selected = self.offset + height.max(1) - 1;
        }
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_scrolls_minimally_and_clamps() {
        let mut c = ListCursor::default();
        c.step(5, 10, 3);
        assert_eq!((c.selected, c.offset), (5, 3));
        c.step(-1, 10, 3);
        assert_eq!((c.selected, c.offset), (4, 3));
        c.step(-10, 10, 3);
        assert_eq!((c.selected, c.offset), (0, 0));
        c.step(100, 10, 3);
        assert_eq!((c.selected, c.offset), (9, 7));
        c.step(1, 0, 3);
        assert_eq!(c, ListCursor::default());
    }

    #[test]
    fn scrolling_drags_the_selection_along() {
        let mut c = ListCursor::default();
        c.scroll(4, 10, 3);
        assert_eq!((c.selected, c.offset), (4, 4));
        c.scroll(100, 10, 3);
        assert_eq!(c.offset, 7);
    }
}
