package app

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
)

// emailFeedbackRequest writes the feedback request to client c as a draft in the mail
// program (an .eml marked unsent; a mailto: link where nothing opens .eml files) and
// records in the timeline that they were asked by email. It reports whether it did.
func (d deps) emailFeedbackRequest(c data.Client) bool {
	if strings.TrimSpace(c.Email) == "" {
		dialog.ShowConfirm("No email address", c.Name+" has no email address in their file yet. Open the file to add it?",
			func(ok bool) {
				if ok {
					d.showClient(c.ID)
				}
			}, d.win)
		return false
	}
	now := d.store.Now()
	draft, err := documents.FeedbackRequest(d.ctx, d.store, c.ID, now)
	if err != nil {
		d.showError("Writing the feedback request", err)
		return false
	}
	if err := d.openDraft(draft); err != nil {
		d.showError("Opening the email in your mail program", err)
		return false
	}
	f := data.Feedback{ClientID: c.ID, Asked: data.DateOf(now.Local()), Channel: "email",
		Satisfaction: data.NoScore, Recommend: data.NoScore}
	if _, err := d.store.SaveFeedback(d.ctx, f); err != nil {
		d.showError("Recording that "+c.Name+" was asked", err)
		return false
	}
	return true
}

// openDraft hands a draft to the mail program: as an .eml file, which mail programs
// open as a new message, else as a mailto: link.
func (d deps) openDraft(m documents.MailDraft) error {
	dir := filepath.Join(os.TempDir(), "amends-mail")
	err := os.MkdirAll(dir, 0o700)
	path := filepath.Join(dir, documents.DraftFileName(m.Subject))
	if err == nil {
		err = atomicfile.Write(path, 0o600, func(w io.Writer) error { return documents.WriteDraft(w, m) })
	}
	if err == nil {
		if err = d.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err == nil {
			return nil
		}
	}
	if merr := d.app.OpenURL(documents.MailtoURL(m)); merr != nil {
		return fmt.Errorf("%w; the mailto: link did not open either: %w", err, merr)
	}
	return nil
}
