import json, sys, argparse, subprocess, time, re, math
ap = argparse.ArgumentParser()
ap.add_argument('--split', default='fixed')        # fixed | decision
ap.add_argument('--imb', type=float, default=None)
ap.add_argument('--travel', type=float, default=None)
ap.add_argument('--pref', type=float, default=None)
ap.add_argument('--scale', type=float, default=1.0)
ap.add_argument('--agg', type=int, default=0)      # 1: aggregate identical-(dept,role,cert,legal,drives) people into integer counts, costs ignored? no -> per person kept
ap.add_argument('--nocov', action='store_true')
ap.add_argument('--dept', default='')
ap.add_argument('--demround', default='')  # ceil | double
ap.add_argument('--imbmode', default='max')
ap.add_argument('--imbcap', type=float, default=None)
ap.add_argument('--drop', default='')  # comma: cert,legal,desk,aux,uncu
ap.add_argument('--cuts', default='')              # comma list: rnd (pair rounding), cov2
ap.add_argument('--out', default='m.lp')
ap.add_argument('--inst', default='/work/main/Instances/rongchang-2024.json')
a = ap.parse_args()
d = json.load(open(a.inst)); P = d['policy']; W = dict(P['weights'])
if a.imb is not None: W['imbalance'] = a.imb
if a.travel is not None: W['travelMinute'] = a.travel
if a.pref is not None: W['preferenceMiss'] = a.pref
T = [t['id'] for t in d['towns']]; ti = {t:i for i,t in enumerate(T)}
M = d['travel']['minutes']; mi = {t:i for i,t in enumerate(d['travel']['towns'])}
mins = lambda u,v: M[mi[u]][mi[v]]
town = {t['id']: t for t in d['towns']}
dem = {(t['id'],k): v*a.scale for t in d['towns'] for k,v in t['demand'].items() if v>0 and (not a.dept or k==a.dept)}
if a.demround=='ceil': dem = {k: math.ceil(v) for k,v in dem.items()}
D = [x['id'] for x in d['departments']]
Z = {z['id']: z['towns'] for z in d['zones']}
ov = P['zoneTravelOverhead']
def share(z, dp, t):
    tot = sum(dem.get((u,dp),0) for u in Z[z])
    return dem.get((t,dp),0)/tot if tot>0 else 1/len(Z[z])
people = [p for p in d['people'] if not p['unavailable'] and (not a.dept or p['department']==a.dept)]
for p in people: p['n'] = 1
if a.agg:
    cl = {}
    for p in people:
        key = (p['department'],p['role'],p['certified'],p['legal'],p['drives'],p.get('homeTown'),tuple(sorted(p['preferredTowns'])) if W['preferenceMiss'] else ())
        if a.agg == 2: key = (p['department'],p['role'],p['certified'],p['legal'],p['drives'],p.get('homeTown') if W['travelMinute'] else None)
        if key in cl: cl[key]['n'] += 1
        else: cl[key] = dict(p, n=1)
    people = list(cl.values())
    print(len(people), 'classes', file=sys.stderr)
nm = lambda s: s.replace('-','_')
cols = {}  # var -> (person, posting)
obj = {}
def cost(p, k):
    kind, id_ = k
    if kind=='s': tm = mins(p['homeTown'], id_) if p.get('homeTown') else 0; towns=[id_]
    else:
        hub = Z[id_][0]; tm = (mins(p['homeTown'], hub) if p.get('homeTown') else 0) + sum(mins(hub,u) for u in Z[id_][1:]); towns = Z[id_]
    c = W['travelMinute']*tm
    if p['preferredTowns'] and not any(u in p['preferredTowns'] for u in towns): c += W['preferenceMiss']
    return c
X = {}  # (pi,k)->name
for i,p in enumerate(people):
    ks = [('s',t) for t in T if not (P['avoidance'] and p.get('homeTown')==t)]
    if p['role']=='officer' and (p['drives'] or not P['zonedMustDrive']): ks += [('z',z) for z in Z]
    for k in ks:
        n = f"x{i}_{k[0]}_{nm(k[1])}"; X[(i,k)] = n; obj[n] = cost(p,k)
rows = []
def present(i,k,t): return (k[0]=='s' and k[1]==t) or (k[0]=='z' and t in Z[k[1]])
for i,p in enumerate(people):
    rows.append((f"post{i}", {X[(i,k)]:1 for (j,k) in X if j==i}, '=', p['n']))
bins = list(X.values()); conts = []
ubs = {}
for t in T:
    off = [(i,k) for (i,k) in X if people[i]['role']=='officer' and present(i,k,t)]
    if 'cert' not in a.drop: rows.append((f"cert_{t}", {X[q]:1 for q in off if people[q[0]]['certified']}, '>=', P['minCertifiedPerTown']))
    if 'legal' not in a.drop: rows.append((f"legal_{t}", {X[q]:1 for q in off if people[q[0]]['legal']}, '>=', P['minLegalPerTown']))
    st = [(i,k) for (i,k) in X if k==('s',t)]
    if 'desk' not in a.drop: rows.append((f"desk_{t}", {X[q]:1 for q in st}, '<=', town[t]['deskCapacity']))
    for dp in D:
        O = {X[q]:1 for q in off if people[q[0]]['department']==dp}
        A = {X[q]:1 for q in st if people[q[0]]['department']==dp and people[q[0]]['role']=='auxiliary'}
        if A and 'aux' not in a.drop:
            r = dict(A); [r.__setitem__(v, r.get(v,0)-P['auxiliariesPerOfficer']) for v in O]
            rows.append((f"aux_{t}_{dp}", r, '<=', 0))
        if (t,dp) not in dem: continue
        dm = dem[(t,dp)]
        u = f"u_{t}_{dp}"; unc = f"unc_{t}_{dp}"; conts.append(u); ubs[u]=dm; bins.append(unc)
        obj[u] = W['pilotUnmetDemand'] if town[t]['pilot'] else W['unmetDemand']
        obj[unc] = 0 if a.nocov else W['uncoveredPair']
        rows.append((f"cov_{t}_{dp}", {**O, unc:1}, '>=', 1))
        sup = {}
        for q in off:
            if people[q[0]]['department']!=dp: continue
            k = q[1]
            if k[0]=='s': sup[X[q]] = 1
            elif a.split=='fixed': sup[X[q]] = (1-ov)*share(k[1],dp,t)
        if a.split=='decision':
            for z in Z:
                if t in Z[z]:
                    f = f"f_{nm(z)}_{t}_{dp}"; conts.append(f); ubs[f]=None; sup[f]=1
        for v in A: sup[v] = P['auxiliaryFTE']
        rows.append((f"unmet_{t}_{dp}", {**sup, u:1}, '>=', dm))
        if P['auxiliariesNeedOfficer'] and 'uncu' not in a.drop: rows.append((f"uncu_{t}_{dp}", {u:1, unc:-dm}, '>=', 0))
        if 'rnd' in a.cuts: pass
if a.split=='decision':
    for z in Z:
        for dp in D:
            fs = {f"f_{nm(z)}_{t}_{dp}":1 for t in Z[z] if (t,dp) in dem}
            if not fs: continue
            r = dict(fs)
            for (i,k),n in X.items():
                if k==('z',z) and people[i]['department']==dp: r[n] = -(1-ov)
            rows.append((f"fz_{nm(z)}_{dp}", r, '<=', 0))
    # f only useful where an officer present: implied by fz
if W['imbalance']>0 and a.imbmode=='sum':
    for t in T:
        Dt = sum(dem.get((t,dp),0) for dp in D)
        for dp in D:
            if (t,dp) in dem: obj[f"u_{t}_{dp}"] += W['imbalance']/Dt/len(T)
elif W['imbalance']>0 or a.imbcap is not None:
    conts.append('I'); ubs['I']=1 if a.imbcap is None else a.imbcap; obj['I']=W['imbalance']
    for t in T:
        Dt = sum(dem.get((t,dp),0) for dp in D)
        if Dt>0: rows.append((f"imb_{t}", {'I':1, **{f"u_{t}_{dp}":-1/Dt for dp in D if (t,dp) in dem}}, '>=', 0))
def lin(c):
    s = ''; n=0
    for v,x in c.items():
        if x==0: continue
        s += f" {'+' if x>=0 else '-'} {abs(x):.12g} {v}"; n+=1
        if n%6==0: s+='\n'
    return s if s else ' 0 I'
with open(a.out,'w') as f:
    f.write('Minimize\n obj:'+lin(obj)+'\nSubject To\n')
    for n,c,s,r in rows: f.write(f" {n}:{lin(c)} {s} {r}\n")
    f.write('Bounds\n')
    for v in conts: f.write(f" 0 <= {v} <= {ubs[v]}\n" if ubs[v] is not None else f" {v} >= 0\n")
    for v in X.values():
        pi = int(v[1:].split('_')[0]); 
        if people[pi]['n']>1: f.write(f" 0 <= {v} <= {people[pi]['n']}\n")
    f.write('General\n'); [f.write(' '+v+'\n') for v in bins]
    f.write('End\n')
print(a.out, len(rows), 'rows', len(bins)+len(conts), 'cols', len(bins), 'bins', file=sys.stderr)
