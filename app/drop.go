package app

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/mail"
)

// dropReport is what adding files to a client did.
type dropReport struct {
	added    int      // emails and files added
	problems []string // one sentence per file not added: its name and why
}

// addDropped adds files to client id: each email file (.eml) becomes an email entry
// with its attachments, any other file is attached as it is. It runs off the UI thread.
// Several emails at once (as a mail program exports them) are added one by one, so
// that one that cannot be read does not keep the others out.
func addDropped(d deps, id int64, uris []fyne.URI) dropReport {
	var rep dropReport
	var files []data.File
	for _, u := range uris {
		name := u.Name()
		if isFolder(u) {
			rep.problems = append(rep.problems, name+": a folder. Drop the files in it instead.")
			continue
		}
		if mail.IsEmailFile(name) {
			if err := addEmailFile(d, id, u); err != nil {
				rep.problems = append(rep.problems, dropProblem(name, err))
			} else {
				rep.added++
			}
			continue
		}
		f, err := readDropped(u)
		if err != nil {
			rep.problems = append(rep.problems, dropProblem(name, err))
			continue
		}
		files = append(files, f)
	}
	if len(files) > 0 {
		if _, err := d.store.AttachFiles(d.ctx, id, files); err != nil {
			rep.problems = append(rep.problems, "The files could not be attached: "+userMessage("Attaching", err))
		} else {
			rep.added += len(files)
		}
	}
	return rep
}

func addEmailFile(d deps, id int64, u fyne.URI) error {
	r, err := storage.Reader(u)
	if err != nil {
		return err
	}
	defer r.Close()
	m, err := mail.Read(u.Name(), r)
	if err != nil {
		return err
	}
	_, err = d.store.AddEmail(d.ctx, id, m)
	return err
}

// readDropped reads a file to attach, refusing one over the limit before reading it.
func readDropped(u fyne.URI) (data.File, error) {
	f := data.File{Name: u.Name(), Type: u.MimeType()}
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(f.Name))); t != "" {
		f.Type = t
	}
	if u.Scheme() == "file" {
		if fi, err := os.Stat(u.Path()); err == nil {
			if err := data.CheckAttachmentSize(f.Name, fi.Size()); err != nil {
				return f, err
			}
		}
	}
	r, err := storage.Reader(u)
	if err != nil {
		return f, err
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, data.MaxAttachmentSize+1))
	if err != nil {
		return f, fmt.Errorf("read %s: %w", f.Name, err)
	}
	if err := data.CheckAttachmentSize(f.Name, int64(len(b))); err != nil {
		return f, err
	}
	f.Content = b
	return f, nil
}

func isFolder(u fyne.URI) bool {
	ok, err := storage.CanList(u)
	return err == nil && ok
}

// dropProblem says why file name was not added, in words the user can act on.
func dropProblem(name string, err error) string {
	var tl *data.TooLargeError
	var dup *data.DuplicateEmailError
	switch {
	case errors.Is(err, mail.ErrOutlookMsg):
		return name + ": Outlook's own .msg format cannot be read. Save the email as .eml instead: in the new Outlook or " +
			"Outlook on the web, open it and choose ⋯ ▸ Save as (or Download); in Outlook for Mac, drag it to the desktop. Then drop that file here."
	case errors.Is(err, mail.ErrNotEmail):
		return name + ": this is not an email Amends can read (.eml). Rename it to attach it as a plain file."
	case errors.As(err, &tl):
		return tl.Error() + "."
	case errors.As(err, &dup):
		return name + ": " + dup.Error() + "."
	}
	return name + ": " + userMessage("Adding the file", err)
}
