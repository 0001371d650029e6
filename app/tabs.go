package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fileTabs are the tabs of a client's file: a row of buttons over the content of the
// one selected. The row wraps onto a second line in a narrow window instead of hiding
// tabs under "…" (container.AppTabs did, and which tabs it hid changed with the width
// of their counts from client to client); the open tab's button is filled, the others
// flat.
type fileTabs struct {
	Items      []*container.TabItem
	OnSelected func(i int)

	labels   map[int]string // a label other than the item's Text, with its count
	buttons  []*widget.Button
	bar      *fyne.Container
	content  *fyne.Container
	view     *fyne.Container
	selected int
}

func newFileTabs(items ...*container.TabItem) *fileTabs {
	t := &fileTabs{labels: map[int]string{}, content: container.NewStack()}
	t.bar = container.New(&wrapLayout{})
	// Buttons with less padding than Fyne's: all eight fit on two rows at 1024 pixels.
	bar := container.NewThemeOverride(t.bar, compactTheme{})
	t.view = container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, t.content)
	for _, it := range items {
		t.Append(it)
	}
	t.SelectIndex(0)
	return t
}

// Append adds a tab at the end.
func (t *fileTabs) Append(it *container.TabItem) {
	i := len(t.Items)
	t.Items = append(t.Items, it)
	b := widget.NewButtonWithIcon(it.Text, it.Icon, func() { t.SelectIndex(i) })
	b.Importance = widget.LowImportance
	t.buttons = append(t.buttons, b)
	t.bar.Add(b)
}

// SelectIndex shows tab i.
func (t *fileTabs) SelectIndex(i int) {
	if i < 0 || i >= len(t.Items) {
		return
	}
	t.selected = i
	t.content.Objects = []fyne.CanvasObject{t.Items[i].Content}
	t.content.Refresh()
	t.Refresh()
	if t.OnSelected != nil {
		t.OnSelected(i)
	}
}

// SelectedIndex is the tab shown.
func (t *fileTabs) SelectedIndex() int { return t.selected }

// Selected is the tab shown.
func (t *fileTabs) Selected() *container.TabItem { return t.Items[t.selected] }

// setLabel names tab i, e.g. with its count ("Follow-ups (2)").
func (t *fileTabs) setLabel(i int, label string) {
	if t.labels[i] == label {
		return
	}
	t.labels[i] = label
	t.Refresh()
}

// label is what tab i's button says.
func (t *fileTabs) label(i int) string {
	if l, ok := t.labels[i]; ok {
		return l
	}
	return t.Items[i].Text
}

// Refresh shows the labels and which tab is open.
func (t *fileTabs) Refresh() {
	for i, b := range t.buttons {
		imp := widget.LowImportance
		if i == t.selected {
			imp = widget.HighImportance
		}
		if b.Text != t.label(i) || b.Importance != imp {
			b.Text, b.Importance = t.label(i), imp
			b.Refresh()
		}
	}
}

// tapLabel is a label that does something when clicked, like a column header that sorts:
// it is shortened with an ellipsis where a button would push its column wider.
type tapLabel struct {
	widget.Label
	onTap func()
}

func newTapLabel(onTap func()) *tapLabel {
	l := &tapLabel{onTap: onTap}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

func (l *tapLabel) Tapped(*fyne.PointEvent) { l.onTap() }

func (l *tapLabel) Cursor() desktop.Cursor { return desktop.PointerCursor }

// compactTheme is the app's theme with less padding inside buttons.
type compactTheme struct{}

func (compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(n, v)
}

func (compactTheme) Font(s fyne.TextStyle) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Font(s)
}

func (compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Icon(n)
}

func (compactTheme) Size(n fyne.ThemeSizeName) float32 {
	s := fyne.CurrentApp().Settings().Theme().Size(n)
	if n == theme.SizeNameInnerPadding {
		return s / 2
	}
	return s
}
