import highspy, sys, re, argparse
ap=argparse.ArgumentParser(); ap.add_argument('inp'); ap.add_argument('out')
ap.add_argument('--split', action='store_true'); ap.add_argument('--imb', type=float, default=None)
ap.add_argument('--notravel', action='store_true'); ap.add_argument('--fcap', action='store_true')
a=ap.parse_args()
h=highspy.Highs(); h.setOptionValue('output_flag',False); h.readModel(a.inp)
lp=h.getLp(); nr, nc = lp.num_row_, lp.num_col_
cn=[h.getColName(j)[1] for j in range(nc)]; rn=[h.getRowName(i)[1] for i in range(nr)]
ci={n:j for j,n in enumerate(cn)}
if a.imb is not None: h.changeColCost(ci['imbalance'], a.imb)
if a.notravel:
    for j,n in enumerate(cn):
        if n.startswith('x_') or n.startswith('z_'): h.changeColCost(j, 0.0)
if a.split:
    # row-wise matrix
    A = lp.a_matrix_
    from collections import defaultdict
    rows = defaultdict(list)
    for j in range(nc):
        for p in range(A.start_[j], A.start_[j+1]): rows[A.index_[p]].append((j, A.value_[p]))
    zcols = defaultdict(set)  # (zone, dept) -> cols
    news = []
    for i,n in enumerate(rn):
        if not n.startswith('unmet_'): continue
        # dept = suffix after last '_' matching u_ column in row
        ucol = [cn[j] for j,_ in rows[i] if cn[j].startswith('u_')][0]
        t_d = ucol[2:]; dem = lp.row_lower_[i]
        byzone = defaultdict(list)
        for j,v in rows[i]:
            m = re.search(r'_z_(zone_.*)$', cn[j])
            if m: byzone[m.group(1)].append(j); h.changeCoeff(i, j, 0.0)
        dept = None
        for z, js in byzone.items():
            dept = t_d  # placeholder
            news.append((i, z, t_d, js, dem))
    # dept of a row = name after town; build f cols and (zone,dept) rows
    towns = set(n[len('desk_'):] for n in rn if n.startswith('desk_')) | set(n[len('cert_'):] for n in rn if n.startswith('cert_'))
    for (i, z, t_d, js, dem) in news:
        # split t_d into town, dept using known towns
        town = next(t for t in sorted(towns, key=len, reverse=True) if t_d.startswith(t+'_'))
        dept = t_d[len(town)+1:]
        fj = h.getNumCol(); h.addCol(0.0, 0.0, dem if a.fcap else highspy.kHighsInf, 1, [i], [1.0])
        h.passColName(fj, f"f_{z}_{t_d}")
        zcols[(z, dept)].add(fj); zcols[(z, dept, 'z')] = zcols.get((z,dept,'z'), set()) | set(js)
    for key in [k for k in zcols if len(k)==2]:
        fs = sorted(zcols[key]); zs = sorted(zcols[key+('z',)])
        idx = fs + zs; val = [1.0]*len(fs) + [-0.8]*len(zs)
        r = h.getNumRow(); h.addRow(-highspy.kHighsInf, 0.0, len(idx), idx, val); h.passRowName(r, f"fz_{key[0]}_{key[1]}")
h.writeModel(a.out)
print(a.out, h.getNumRow(), 'rows', h.getNumCol(), 'cols', file=sys.stderr)
