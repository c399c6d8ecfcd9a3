package seen

// mergeTiers merges the newest runs while fanOut of them share a tier. Runs
// are only added at tier 0 and a tier is merged as soon as it is full, so
// the runs of a full tier are always the newest ones.
func (s *Set) mergeTiers() error {
	for {
		n := len(s.runs)
		if n < s.config.fanOut {
			return nil
		}
		tier := s.runs[n-1].tier
		if s.runs[n-s.config.fanOut].tier != tier {
			return nil
		}
		if err := s.merge(n - s.config.fanOut); err != nil {
			return err
		}
	}
}

// merge replaces the runs from s.runs[start] on with one run of the next
// tier that has all their entries. The chunks of the old runs go back to
// the spill file as they are read, and the new run reuses them.
func (s *Set) merge(start int) error {
	inputs := s.runs[start:]
	total := 0
	for _, r := range inputs {
		total += r.count
	}

	w := s.newRunWriter(total, inputs[0].tier+1)
	if err := s.mergeInto(w, inputs); err != nil {
		w.abort()
		return err
	}
	merged, err := w.finish()
	if err != nil {
		return err
	}

	for _, r := range inputs {
		r.filter.release()
	}
	clear(inputs)
	s.runs = append(s.runs[:start], merged)
	clear(s.filters[start:])
	s.filters = append(s.filters[:start], merged.filter)
	return nil
}

// mergeInto adds the entries of inputs to w in increasing order of mixed
// key. A key is in at most one run, since the Set stores each key once.
func (s *Set) mergeInto(w *runWriter, inputs []*run) error {
	for len(s.mergeBufs) < len(inputs) {
		s.mergeBufs = append(s.mergeBufs, make([]byte, s.config.bufferEntries*entrySize))
	}

	readers := make([]*runReader, 0, len(inputs))
	keys := make([]uint64, 0, len(inputs))
	rows := make([]uint32, 0, len(inputs))
	for i, r := range inputs {
		reader := &runReader{spill: s.spill, config: &s.config, run: r, buf: s.mergeBufs[i]}
		m, row, ok, err := reader.read()
		if err != nil {
			return err
		}
		if ok {
			readers = append(readers, reader)
			keys = append(keys, m)
			rows = append(rows, row)
		}
	}

	for len(readers) > 0 {
		smallest := 0
		for i := 1; i < len(keys); i++ {
			if keys[i] < keys[smallest] {
				smallest = i
			}
		}
		if err := w.add(keys[smallest], rows[smallest]); err != nil {
			return err
		}

		m, row, ok, err := readers[smallest].read()
		if err != nil {
			return err
		}
		if ok {
			keys[smallest], rows[smallest] = m, row
			continue
		}
		last := len(readers) - 1
		readers[smallest], keys[smallest], rows[smallest] = readers[last], keys[last], rows[last]
		readers, keys, rows = readers[:last], keys[:last], rows[:last]
	}
	return nil
}
