package app

import (
	"bytes"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
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
	if _, err := d.openDraft(draft); err != nil {
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

// openDraft hands a draft to the mail program: as an .eml file in this run's private
// folder, which mail programs open as a new message, else as a mailto: link (text only:
// mailto carries no attachment). It reports whether the link was used.
func (d deps) openDraft(m documents.MailDraft) (viaMailto bool, err error) {
	var b bytes.Buffer
	if err = documents.WriteDraft(&b, m); err != nil {
		return false, err
	}
	path, err := d.tempFile(documents.DraftFileName(m.Subject), b.Bytes())
	if err == nil {
		if err = d.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err == nil {
			return false, nil
		}
	}
	if merr := d.app.OpenURL(documents.MailtoURL(m)); merr != nil {
		return false, fmt.Errorf("%w; the mailto: link did not open either: %w", err, merr)
	}
	return true, nil
}
