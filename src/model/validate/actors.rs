//! Actors and the `part_of` tree.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::{At, Ids, Owner, Validator};
use crate::model::dataset::Dataset;
use crate::model::index::{ActorIx, Csr};
use crate::model::spans::Seg::{Field, Item};

/// What the actor pass gives the index.
pub(super) struct ActorPass {
    pub parent: Vec<Option<ActorIx>>,
    pub children: Csr<ActorIx>,
    pub roots: Vec<ActorIx>,
}

impl Validator {
    pub(super) fn actors(&mut self, ds: &Dataset, ids: &Ids) -> ActorPass {
        let mut parent = Vec::with_capacity(ds.actors.len());
        for (i, a) in ds.actors.iter().enumerate() {
            let at = At { list: "actors", i };
            let owner = Owner {
                kind: "actor",
                id: &a.id,
            };
            self.nonempty(&a.name, at.field("name"), || format!("{owner}: name"));
            let p = a.part_of.as_ref().and_then(|p| {
                let path = at.item("part_of", 0);
                self.lookup(&ids.actor, p, path, owner, "part_of", "an actor")
            });
            self.use_actor(p);
            parent.push(p);
        }
        self.part_of_cycles(ds, &mut parent);
        let child_pairs: Vec<(usize, ActorIx)> = parent
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| (p.i(), ActorIx::from_usize(i))))
            .collect();
        let children = Csr::from_pairs(ds.actors.len(), &child_pairs);
        let roots = parent
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_none())
            .map(|(i, _)| ActorIx::from_usize(i))
            .collect();
        ActorPass {
            parent,
            children,
            roots,
        }
    }

    /// Reports each `part_of` cycle once, at the actor where the walk closes it,
    /// and cuts it so that later tree walks terminate.
    fn part_of_cycles(&mut self, ds: &Dataset, parent: &mut [Option<ActorIx>]) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            OnPath,
            Done,
        }
        let mut mark = vec![Mark::New; parent.len()];
        for start in 0..parent.len() {
            let mut path: Vec<usize> = Vec::new();
            let mut cur = Some(start);
            while let Some(i) = cur {
                match mark[i] {
                    Mark::Done => break,
                    Mark::OnPath => {
                        let cycle: Vec<&str> = path
                            .iter()
                            .skip_while(|&&p| p != i)
                            .map(|&p| ds.actors[p].id.as_str())
                            .collect();
                        let last = path.last().copied().unwrap_or(i);
                        self.error(
                            vec![Field("actors"), Item(last), Field("part_of")],
                            format!(
                                "actor \"{}\": part_of makes a cycle ({} -> {})",
                                ds.actors[last].id,
                                cycle.join(" -> "),
                                ds.actors[i].id
                            ),
                        );
                        parent[last] = None;
                        break;
                    }
                    Mark::New => {
                        mark[i] = Mark::OnPath;
                        path.push(i);
                        cur = parent[i].map(ActorIx::i);
                    }
                }
            }
            for p in path {
                mark[p] = Mark::Done;
            }
        }
    }
}
