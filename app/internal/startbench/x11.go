package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
)

// xconn is just enough of the X11 protocol to read the screen's pixels: polling through a
// subprocess (import, xwd) costs tens of milliseconds per look, this costs a few.
type xconn struct {
	c             net.Conn
	root          uint32
	width, height int
}

// dialX connects to a local display such as ":99" (Xvfb accepts local clients without a cookie).
func dialX(display string) (*xconn, error) {
	num := strings.TrimPrefix(display, ":")
	if i := strings.IndexByte(num, '.'); i >= 0 {
		num = num[:i]
	}
	c, err := net.Dial("unix", "/tmp/.X11-unix/X"+num)
	if err != nil {
		return nil, fmt.Errorf("connect to X display %s: %w", display, err)
	}
	x := &xconn{c: c}
	if err := x.setup(); err != nil {
		c.Close()
		return nil, fmt.Errorf("X display %s: %w", display, err)
	}
	return x, nil
}

func (x *xconn) setup() error {
	// 'l': little-endian; protocol 11.0; no authorisation.
	req := []byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if _, err := x.c.Write(req); err != nil {
		return err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(x.c, head); err != nil {
		return err
	}
	body := make([]byte, int(binary.LittleEndian.Uint16(head[6:]))*4)
	if _, err := io.ReadFull(x.c, body); err != nil {
		return err
	}
	if head[0] != 1 {
		return errors.New("connection refused by the X server")
	}
	vendorLen := int(binary.LittleEndian.Uint16(body[16:]))
	formats := int(body[21])
	off := 32 + (vendorLen+3)/4*4 + 8*formats
	if len(body) < off+24 {
		return errors.New("short X setup reply")
	}
	x.root = binary.LittleEndian.Uint32(body[off:])
	x.width = int(binary.LittleEndian.Uint16(body[off+20:]))
	x.height = int(binary.LittleEndian.Uint16(body[off+22:]))
	return nil
}

// sampleRows is how many evenly spread rows of the screen are read each time. Reading
// the whole screen every few milliseconds (4 MB through the X server) kept one of a
// two-core machine's cores busy and slowed the painting being timed: the more a window
// paints, the more (Amends' first frame looked 2.5 times slower than it is). A window
// paints whole frames, so rows across the screen see a frame as well as all pixels do.
const sampleRows = 16

// screen returns sampleRows rows of the root window's pixels, spread evenly from top to
// bottom, as 32-bit words (Xvfb's 24-bit depth).
func (x *xconn) screen() ([]byte, error) {
	var all []byte
	for i := 0; i < sampleRows; i++ {
		row, err := x.image(0, (2*i+1)*x.height/(2*sampleRows), x.width, 1)
		if err != nil {
			return nil, err
		}
		all = append(all, row...)
	}
	return all, nil
}

// image returns a rectangle of the root window's pixels, row by row.
func (x *xconn) image(left, top, width, height int) ([]byte, error) {
	req := make([]byte, 20)
	req[0] = 73 // GetImage
	req[1] = 2  // ZPixmap
	binary.LittleEndian.PutUint16(req[2:], 5)
	binary.LittleEndian.PutUint32(req[4:], x.root)
	binary.LittleEndian.PutUint16(req[8:], uint16(left))
	binary.LittleEndian.PutUint16(req[10:], uint16(top))
	binary.LittleEndian.PutUint16(req[12:], uint16(width))
	binary.LittleEndian.PutUint16(req[14:], uint16(height))
	binary.LittleEndian.PutUint32(req[16:], 0xffffffff)
	if _, err := x.c.Write(req); err != nil {
		return nil, err
	}
	head := make([]byte, 32)
	if _, err := io.ReadFull(x.c, head); err != nil {
		return nil, err
	}
	if head[0] != 1 {
		return nil, fmt.Errorf("GetImage failed (X error %d)", head[1])
	}
	data := make([]byte, int(binary.LittleEndian.Uint32(head[4:]))*4)
	if _, err := io.ReadFull(x.c, data); err != nil {
		return nil, err
	}
	return data, nil
}

func (x *xconn) Close() error { return x.c.Close() }
