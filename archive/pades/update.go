package pades

import (
	"crypto/sha256"
	"fmt"
	"slices"
)

// update is an incremental update being appended to a PDF: changed and new
// objects, then a cross-reference section of the same kind as the last one
// and a trailer whose /Prev points at it.
type update struct {
	d       *document
	out     []byte          // the original file followed by the update
	offsets map[int64]int64 // object number → offset of its new version
	gens    map[int64]int64
	next    int64 // the next unused object number
}

func newUpdate(d *document, extra int) *update {
	out := make([]byte, len(d.src), len(d.src)+extra)
	copy(out, d.src)
	if n := len(out); n > 0 && out[n-1] != '\n' && out[n-1] != '\r' {
		out = append(out, '\n')
	}
	return &update{d: d, out: out, offsets: map[int64]int64{}, gens: map[int64]int64{}, next: d.size}
}

func (u *update) alloc() int64 {
	u.next++
	return u.next - 1
}

// begin starts writing object num (generation gen).
func (u *update) begin(num, gen int64) {
	u.offsets[num] = int64(len(u.out))
	u.gens[num] = gen
	u.out = fmt.Appendf(u.out, "%d %d obj\n", num, gen)
}

func (u *update) end() { u.out = append(u.out, "\nendobj\n"...) }

// put writes object o as the new version of num.
func (u *update) put(num, gen int64, o object) {
	u.begin(num, gen)
	u.out = o.write(u.out)
	u.end()
}

// finish writes the cross-reference section and trailer.
func (u *update) finish() {
	size := max(u.next, u.d.size)
	trailer := object{kind: kDict}
	trailer.set("Size", number(size))
	for _, k := range []string{"Root", "Info"} {
		if v := u.d.trailer.get(k); v.kind == kRef {
			trailer.set(k, v)
		}
	}
	trailer.set("ID", u.id())
	trailer.set("Prev", number(int64(u.d.startxref)))
	if u.d.stream {
		u.xrefStream(trailer)
		return
	}
	xref := len(u.out)
	u.out = append(u.out, "xref\n"...)
	nums := u.numbers()
	for _, run := range runs(nums) {
		u.out = fmt.Appendf(u.out, "%d %d\n", run[0], len(run))
		for _, n := range run {
			u.out = fmt.Appendf(u.out, "%010d %05d n \n", u.offsets[n], u.gens[n])
		}
	}
	u.out = append(u.out, "trailer\n"...)
	u.out = trailer.write(u.out)
	u.out = fmt.Appendf(u.out, "\nstartxref\n%d\n%%%%EOF\n", xref)
}

// xrefStream writes a cross-reference stream, as a file that uses them
// must go on doing: entries of /W [1 4 2], uncompressed.
func (u *update) xrefStream(trailer object) {
	num := u.alloc()
	trailer.set("Size", number(u.next))
	u.offsets[num] = int64(len(u.out))
	nums := u.numbers()
	var data []byte
	index := object{kind: kArray}
	for _, run := range runs(nums) {
		index.items = append(index.items, number(run[0]), number(int64(len(run))))
		for _, n := range run {
			off, gen := u.offsets[n], u.gens[n]
			data = append(data, 1, byte(off>>24), byte(off>>16), byte(off>>8), byte(off), byte(gen>>8), byte(gen))
		}
	}
	dict := object{kind: kDict}
	dict.set("Type", name("XRef"))
	for i, k := range trailer.keys {
		dict.set(k, trailer.items[i])
	}
	dict.set("W", object{kind: kArray, items: []object{number(1), number(4), number(2)}})
	dict.set("Index", index)
	dict.set("Length", number(int64(len(data))))
	xref := len(u.out)
	u.out = fmt.Appendf(u.out, "%d 0 obj\n", num)
	u.out = dict.write(u.out)
	u.out = append(u.out, "\nstream\n"...)
	u.out = append(u.out, data...)
	u.out = fmt.Appendf(u.out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
}

func (u *update) numbers() []int64 {
	var nums []int64
	for n := range u.offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	return nums
}

// runs splits sorted object numbers into consecutive subsections.
func runs(nums []int64) [][]int64 {
	var out [][]int64
	for i, n := range nums {
		if i == 0 || n != nums[i-1]+1 {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], n)
	}
	return out
}

// id keeps the file's /ID; a file without one gets one made from its
// content, since PDF/A and signature validators expect it.
func (u *update) id() object {
	if id := u.d.trailer.get("ID"); id.kind == kArray && len(id.items) == 2 {
		return id
	}
	sum := sha256.Sum256(u.d.src)
	h := rawObject(kString, fmt.Sprintf("<%x>", sum[:16]))
	return object{kind: kArray, items: []object{h, h}}
}
