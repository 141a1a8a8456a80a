//! The multi-word dictionary surfaces ("New York", "U.N.", "al-Assad") as a byte trie,
//! walked from one position of the text at a time.
//!
//! `Gazetteer` only ever asks which surfaces start exactly at a word start, so it needs
//! no failure links: an Aho-Corasick automaton over the ~30,000 surfaces spent most of
//! its build on links and match copies an anchored walk never uses. This trie is built
//! from the sorted surfaces in one pass. (The `fst` crate was tried in its place; its
//! build and its walks cost more, see BENCHMARKS.md.)
//! It does not search a text for surfaces starting anywhere; `Gazetteer` does that by
//! walking from each word start.

/// A trie over byte strings; its nodes are stored breadth first, so the children of a
/// node are consecutive and sorted by their byte.
pub(super) struct Trie {
    nodes: Box<[Node]>,
    /// The byte leading to each node (0 for the root).
    labels: Box<[u8]>,
    /// The root's child for each byte (0: none), since every walk starts there and
    /// the root has a hundred children.
    root: Box<[u32; 256]>,
    /// The root's grandchild for each two bytes (0: none), indexed by the first byte
    /// times 256 plus the second: the root's children have dozens of children each
    /// (a capital and every letter after it), which a walk would search.
    second: Box<[u32]>,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    /// The index of the first child in `nodes`, and how many children there are.
    first: u32,
    children: u32,
    /// The pattern ending here, or `NONE`.
    pattern: u32,
}

const NONE: u32 = u32::MAX;

impl Trie {
    /// The trie of `patterns` (distinct byte strings), which are known by their index.
    pub(super) fn new(patterns: &[&[u8]]) -> Trie {
        let mut order: Vec<(&[u8], u32)> = patterns.iter().zip(0..).map(|(&p, i)| (p, i)).collect();
        // Stable sort: the patterns come as a few sorted runs (one per dictionary file),
        // which it merges in far fewer comparisons than `sort_unstable` makes.
        order.sort();
        debug_assert!(order.windows(2).all(|w| w[0].0 != w[1].0), "distinct");
        // At most one node per pattern byte, and the root.
        let most = 1 + patterns.iter().map(|p| p.len()).sum::<usize>();
        let mut nodes = Vec::with_capacity(most);
        let mut labels = Vec::with_capacity(most);
        // The patterns under each node: a run of `order`, all sharing the node's path
        // (of length `depth`); a pattern of that length sorts first.
        let mut runs: Vec<(usize, usize, usize)> = Vec::with_capacity(most);
        nodes.push(Node {
            first: 0,
            children: 0,
            pattern: NONE,
        });
        labels.push(0);
        runs.push((0, order.len(), 0));
        let mut n = 0;
        while n < nodes.len() {
            let (mut lo, hi, depth) = runs[n];
            let under = &order[lo..hi];
            let mut k = 0;
            if under.first().is_some_and(|p| p.0.len() == depth) {
                nodes[n].pattern = under[0].1;
                k = 1;
            }
            nodes[n].first = nodes.len() as u32;
            while k < under.len() {
                let b = under[k].0[depth];
                let run = under[k..].iter().take_while(|p| p.0[depth] == b).count();
                nodes.push(Node {
                    first: 0,
                    children: 0,
                    pattern: NONE,
                });
                labels.push(b);
                runs.push((lo + k, lo + k + run, depth + 1));
                k += run;
            }
            lo += k;
            debug_assert_eq!(lo, hi);
            nodes[n].children = nodes.len() as u32 - nodes[n].first;
            n += 1;
        }
        let mut root = Box::new([0; 256]);
        let mut second = vec![0; 1 << 16].into_boxed_slice();
        let first = nodes[0].first;
        for c in first..first + nodes[0].children {
            let a = labels[c as usize];
            root[a as usize] = c;
            let node = nodes[c as usize];
            for g in node.first..node.first + node.children {
                second[usize::from(a) << 8 | usize::from(labels[g as usize])] = g;
            }
        }
        Trie {
            nodes: nodes.into_boxed_slice(),
            labels: labels.into_boxed_slice(),
            root,
            second,
        }
    }

    /// Calls `found(len, pattern)` for each pattern that is a non-empty prefix of
    /// `text`, shortest first.
    #[inline]
    pub(super) fn prefixes(&self, text: &[u8], mut found: impl FnMut(usize, u32)) {
        let Some((&b, rest)) = text.split_first() else {
            return;
        };
        let mut node = match self.root[b as usize] {
            0 => return,
            c => self.nodes[c as usize],
        };
        if node.pattern != NONE {
            found(1, node.pattern);
        }
        let Some((&b2, rest)) = rest.split_first() else {
            return;
        };
        node = match self.second[usize::from(b) << 8 | usize::from(b2)] {
            0 => return,
            g => self.nodes[g as usize],
        };
        if node.pattern != NONE {
            found(2, node.pattern);
        }
        for (k, &b) in rest.iter().enumerate() {
            let first = node.first as usize;
            let labels = &self.labels[first..first + node.children as usize];
            // Most nodes have one child or a few; some near the root, dozens.
            let child = if labels.len() <= 8 {
                labels.iter().position(|&l| l == b)
            } else {
                labels.binary_search(&b).ok()
            };
            let Some(c) = child else {
                return;
            };
            node = self.nodes[first + c];
            if node.pattern != NONE {
                found(k + 3, node.pattern);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `prefixes` against the plain definition.
    fn check(patterns: &[&[u8]], text: &[u8]) {
        let trie = Trie::new(patterns);
        let mut got = Vec::new();
        trie.prefixes(text, |len, p| got.push((len, p)));
        let mut want: Vec<(usize, u32)> = patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty() && text.starts_with(p))
            .map(|(i, p)| (p.len(), i as u32))
            .collect();
        want.sort();
        assert_eq!(got, want, "{patterns:?} in {text:?}");
    }

    #[test]
    fn finds_every_prefix() {
        let pats: &[&[u8]] = &[
            b"New York",
            b"New York Times",
            b"New",
            b"Newark",
            b"U.N.",
            b"",
            b"\xc3\xa9t\xc3\xa9",
            b"a",
            b"ab",
            b"abc",
            b"b",
        ];
        for text in [
            &b"New York Times, said"[..],
            b"New Yor",
            b"Newark",
            b"U.N.",
            b"U.K.",
            b"abcd",
            b"\xc3\xa9t\xc3\xa9 x",
            b"",
            b"zz",
        ] {
            check(pats, text);
        }
        check(&[], b"abc");
    }

    proptest::proptest! {
        #[test]
        fn prefixes_are_starts_with(
            pats in proptest::collection::hash_set("[ab .]{0,5}", 0..30),
            text in "[ab .]{0,8}",
        ) {
            let pats: Vec<&[u8]> = pats.iter().map(|p| p.as_bytes()).collect();
            check(&pats, text.as_bytes());
        }
    }
}
