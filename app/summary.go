package app

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
)

// summaryButtons are "Save summary PDF…" and "Open summary" for the interview on screen.
func (s *interviewScreen) summaryButtons() []fyne.CanvasObject {
	save := widget.NewButton("Save summary PDF…", s.onSaveSummary)
	open := widget.NewButton("Open summary", s.onOpenSummary)
	return []fyne.CanvasObject{save, open}
}

func (s *interviewScreen) summaryOptions() documents.SummaryOptions {
	paper, err := s.store.Setting(s.ctx, documents.SettingPaper, "A4")
	if err != nil {
		paper = "A4"
	}
	return documents.SummaryOptions{Paper: documents.SummaryPaper(paper), Currency: s.currency()}
}

// writeSummary writes the summary of the interview on screen (as saved, after a flush) to path.
func (s *interviewScreen) writeSummary(path string) error {
	s.flush()
	f, err := s.store.InterviewFile(s.ctx, s.f.Complaint.ID)
	if err != nil {
		return err
	}
	res, err := documents.WriteSummaryFile(path, f, s.summaryOptions())
	if err != nil {
		return err
	}
	if len(res.Missing) > 0 {
		dialog.ShowInformation("Some characters are missing",
			"These characters cannot be printed with the PDF fonts and show as a box: "+string(res.Missing), s.win)
	}
	return nil
}

// summaryName is the suggested file name, e.g. "Interview 12 - Jorg Muller.pdf".
func (s *interviewScreen) summaryName() string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, s.f.Client.Name)
	return fmt.Sprintf("Interview %d - %s.pdf", s.f.Complaint.ID, name)
}

func (s *interviewScreen) onSaveSummary() {
	if s.f.Complaint.ID == 0 {
		return
	}
	chooseSaveFile(s.win, "Choosing where to save the summary", s.summaryName(), func(path string) {
		if err := s.writeSummary(path); err != nil {
			s.showError("Saving the summary PDF", err)
			return
		}
		s.savedNote.SetText("Summary saved to " + filepath.Base(path))
	})
}

func (s *interviewScreen) onOpenSummary() {
	if s.f.Complaint.ID == 0 {
		return
	}
	path, err := s.temp.path(s.summaryName())
	if err != nil {
		s.showError("Writing the summary PDF", err)
		return
	}
	if err := s.writeSummary(path); err != nil {
		s.showError("Writing the summary PDF", err)
		return
	}
	if err := s.app.OpenURL(&url.URL{Scheme: "file", Path: path}); err != nil {
		// The PDF exists; only the viewer did not start. Say where it is.
		dialog.ShowInformation("No PDF viewer started",
			"The summary was written to\n"+path+"\n\nbut no program to show PDF files could be started. "+
				"Open the file from there, or use \"Save summary PDF…\" to keep it where you like.\n\nDetails: "+err.Error(), s.win)
	}
}

// restateNote is what the summary will say about the complaint, shown beside the buttons.
func restateNote(k data.Complaint) string {
	switch k.RestateState {
	case data.RestateConfirmed:
		return "The summary shows the complaint as the client confirmed it."
	case data.RestateNotConfirmed:
		return "The summary says plainly that the complaint was not confirmed."
	}
	return "The summary will say the complaint is not yet confirmed."
}
