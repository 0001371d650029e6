// Package pdf lays plain values on paper: letters for window envelopes
// (A4 in DIN 5008 form B, US Letter in block format for #10 envelopes), an
// envelope calibration page, and simple documents with tables and charts.
//
// It knows nothing about the UI or the store. Fonts are embedded (see
// package fonts), every character they cannot draw is replaced visibly and
// listed in Result.Missing, and the same input always gives the same bytes.
// Pages are laid out before anything is drawn, so page counts are exact and
// nothing flows into the address window or the margins.
package pdf
