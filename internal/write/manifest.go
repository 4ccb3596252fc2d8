package write

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
)

// A manifest records what a Writer put in the tree it committed: for each path, the SHA-256
// of the file's bytes and the file's inode. The next Writer for the same output folder reads
// it to find the unchanged files without reading them: a file is taken as the one the
// manifest describes only if it is still that inode, with the size and time the tree gives
// its files, in a folder that is still the committed tree (its inode is recorded too). A file
// edited by hand in place gets a new time; a tree replaced by anything else, a new inode.
type manifest struct {
	root    [2]uint64 // the committed tree's folder
	entries map[string]entry
}

type entry struct {
	sum [32]byte
	id  [2]uint64
}

// manifestMagic starts a manifest file: its format.
const manifestMagic = "atlas-output-manifest-1\n"

// readManifest reads the manifest at file if it describes the folder out as it is now, and
// returns nil otherwise.
func readManifest(file, out string) *manifest {
	if file == "" {
		return nil
	}
	st, err := os.Lstat(out)
	if err != nil || !st.IsDir() {
		return nil
	}
	root, ok := fileID(st)
	if !ok {
		return nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	m, err := decodeManifest(b)
	if err != nil || m.root != root {
		return nil
	}
	return m
}

func decodeManifest(b []byte) (*manifest, error) {
	if !bytes.HasPrefix(b, []byte(manifestMagic)) {
		return nil, errors.New("not a manifest")
	}
	r := bufio.NewReader(bytes.NewReader(b[len(manifestMagic):]))
	m := &manifest{entries: map[string]entry{}}
	if err := binary.Read(r, binary.LittleEndian, &m.root); err != nil {
		return nil, err
	}
	for {
		n, err := binary.ReadUvarint(r)
		if err == io.EOF {
			return m, nil
		}
		if err != nil || n > 4096 {
			return nil, fmt.Errorf("bad manifest record")
		}
		name := make([]byte, n)
		if _, err := io.ReadFull(r, name); err != nil {
			return nil, err
		}
		var e entry
		if _, err := io.ReadFull(r, e.sum[:]); err != nil {
			return nil, err
		}
		if err := binary.Read(r, binary.LittleEndian, &e.id); err != nil {
			return nil, err
		}
		m.entries[string(name)] = e
	}
}

func (m *manifest) encode() []byte {
	var buf bytes.Buffer
	buf.WriteString(manifestMagic)
	binary.Write(&buf, binary.LittleEndian, m.root)
	paths := make([]string, 0, len(m.entries))
	for p := range m.entries {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		e := m.entries[p]
		buf.Write(binary.AppendUvarint(nil, uint64(len(p))))
		buf.WriteString(p)
		buf.Write(e.sum[:])
		binary.Write(&buf, binary.LittleEndian, e.id)
	}
	return buf.Bytes()
}

// save writes m to file atomically, for the tree now at out. A manifest that cannot be
// written costs the next build only time: it is removed, so that no stale one is read.
func (m *manifest) save(file, out string) {
	st, err := os.Lstat(out)
	var ok bool
	if err == nil {
		m.root, ok = fileID(st)
	}
	if !ok {
		os.Remove(file)
		return
	}
	if err := File(file, m.encode(), 0o644); err != nil {
		os.Remove(file)
	}
}
