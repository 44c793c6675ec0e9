//! Answers small enough for a context window: every list a tool returns is one page of it,
//! with the totals beside it.

use serde::Serialize;

use crate::ToolError;

/// Where a page sits in the whole.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Page {
    /// Counted from 1.
    pub page: usize,
    pub page_size: usize,
    /// Items in the whole list.
    pub total: usize,
    /// Pages in the whole list (0 for an empty list).
    pub pages: usize,
}

impl Page {
    /// Page `page` (default 1) of `page_size` (default `default`, at most `max`) items out
    /// of `total`; a page past the end is an error that says where the end is.
    pub fn of(
        total: usize,
        page: Option<usize>,
        page_size: Option<usize>,
        default: usize,
        max: usize,
        what: &str,
    ) -> Result<Page, ToolError> {
        let page_size = page_size.unwrap_or(default);
        if page_size == 0 || page_size > max {
            return Err(ToolError::Input(format!(
                "page_size {page_size} is out of range: 1 to {max}"
            )));
        }
        let page = page.unwrap_or(1);
        if page == 0 {
            return Err(ToolError::Input("page counts from 1".into()));
        }
        let pages = total.div_ceil(page_size);
        if page > pages.max(1) {
            return Err(ToolError::Input(format!(
                "page {page} is past the end: {total} {what} make {pages} page(s) of {page_size}"
            )));
        }
        Ok(Page {
            page,
            page_size,
            total,
            pages,
        })
    }

    /// This page's part of `items` (the whole list).
    pub fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = (self.page - 1)
            .saturating_mul(self.page_size)
            .min(items.len());
        let end = start.saturating_add(self.page_size).min(items.len());
        &items[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_list_once_and_stop_at_its_end() {
        let items: Vec<u32> = (0..53).collect();
        let mut seen = Vec::new();
        for n in 1..=3 {
            let page = Page::of(items.len(), Some(n), Some(25), 25, 100, "findings").unwrap();
            assert_eq!(page.pages, 3);
            seen.extend_from_slice(page.slice(&items));
        }
        assert_eq!(seen, items);
        let past = Page::of(items.len(), Some(4), Some(25), 25, 100, "findings").unwrap_err();
        assert_eq!(
            past.to_string(),
            "page 4 is past the end: 53 findings make 3 page(s) of 25"
        );
    }

    #[test]
    fn an_empty_list_has_one_empty_first_page() {
        let page = Page::of(0, None, None, 25, 100, "findings").unwrap();
        assert_eq!((page.page, page.pages), (1, 0));
        assert!(page.slice::<u8>(&[]).is_empty());
        assert!(Page::of(0, Some(2), None, 25, 100, "findings").is_err());
    }

    #[test]
    fn sizes_and_numbers_out_of_range_are_refused() {
        assert!(Page::of(10, Some(0), None, 25, 100, "x").is_err());
        assert!(Page::of(10, None, Some(0), 25, 100, "x").is_err());
        assert!(Page::of(10, None, Some(101), 25, 100, "x").is_err());
    }
}
