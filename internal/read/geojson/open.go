package geojson

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"sync"
)

const (
	aheadChunk = 256 << 10 // size of a decompressed chunk handed from the gunzip goroutine
	aheadN     = 4         // chunks in flight
)

// Open opens the file at path for reading, transparently gunzipping it when it starts with
// the gzip magic bytes; decompression then runs ahead in a goroutine of its own, so that it
// overlaps with decoding. Closing the result stops that goroutine and closes the file.
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 256<<10)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		f.Close()
		return nil, err
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, err
		}
		return newReadAhead(zr, func() error {
			err := zr.Close()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		}), nil
	}
	return &plainFile{r: br, f: f}, nil
}

// plainFile reads an uncompressed file through the buffer that sniffed its first bytes.
type plainFile struct {
	r *bufio.Reader
	f *os.File
}

func (p *plainFile) Read(b []byte) (int, error) { return p.r.Read(b) }
func (p *plainFile) Close() error               { return p.f.Close() }

// readAhead reads a reader in a goroutine of its own, up to aheadN chunks ahead of its user.
type readAhead struct {
	full   chan []byte   // chunks read, closed after the last
	free   chan []byte   // chunks to read into
	done   chan struct{} // closed by Close
	exited chan struct{} // closed when the goroutine returns
	err    error         // the error that ended reading; set before full is closed
	cur    []byte        // the unread rest of the chunk being read by Read
	chunk  []byte        // that chunk
	once   sync.Once
	close  func() error
}

func newReadAhead(r io.Reader, close func() error) *readAhead {
	ra := &readAhead{
		full:   make(chan []byte, aheadN),
		free:   make(chan []byte, aheadN),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
		close:  close,
	}
	for i := 0; i < aheadN; i++ {
		ra.free <- make([]byte, aheadChunk)
	}
	go ra.run(r)
	return ra
}

func (ra *readAhead) run(r io.Reader) {
	defer close(ra.exited)
	defer close(ra.full)
	for {
		var buf []byte
		select {
		case buf = <-ra.free:
		case <-ra.done:
			return
		}
		n := 0
		var err error
		for n < len(buf) && err == nil {
			var m int
			m, err = r.Read(buf[n:])
			n += m
		}
		if n > 0 {
			select {
			case ra.full <- buf[:n]:
			case <-ra.done:
				return
			}
		}
		if err != nil {
			ra.err = err
			return
		}
	}
}

// Read reads decompressed bytes.
func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.chunk != nil {
			ra.free <- ra.chunk[:cap(ra.chunk)] // never blocks: there are aheadN chunks in all
			ra.chunk = nil
		}
		buf, ok := <-ra.full
		if !ok {
			return 0, ra.err
		}
		ra.cur, ra.chunk = buf, buf
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// Close stops the goroutine and closes the underlying reader and file.
func (ra *readAhead) Close() error {
	err := os.ErrClosed
	ra.once.Do(func() {
		close(ra.done)
		<-ra.exited
		err = ra.close()
	})
	return err
}
