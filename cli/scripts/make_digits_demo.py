"""Generates digits_gaussian_nb.csv, the embedded demo data of `entropic calibrate report`.

Real model outputs on a real dataset: scikit-learn's bundled handwritten digits (1797 images, 8x8,
10 classes). A Gaussian naive Bayes classifier (sklearn.naive_bayes.GaussianNB(var_smoothing=0.1); the default
1e-9 leaves near-constant pixels with logits down to -1e10)
is trained on a stratified half (train_test_split(test_size=0.5, stratify=y, random_state=0)); the
file holds the other half: the true label and the classifier's 10 log-probabilities
(predict_log_proba), which are logits of its softmax. Naive Bayes is the classic overconfident
model, so the demo has something to calibrate. Run from the repository root:
  /usr/bin/python3 cli/scripts/make_digits_demo.py > cli/src/main/resources/demo/digits_gaussian_nb.csv
"""
import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

x, y = load_digits(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.5, stratify=y, random_state=0)
model = GaussianNB(var_smoothing=0.1).fit(x_train, y_train)
logp = model.predict_log_proba(x_test)
print("# Demo data for `entropic calibrate report`: scikit-learn %s digits, GaussianNB(var_smoothing=0.1) trained on a" % sklearn.__version__)
print("# stratified half (random_state=0); rows = the other half: label, then 10 log-probabilities")
print("# (logits of the model's softmax). Made by cli/scripts/make_digits_demo.py. Accuracy %.4f." % (logp.argmax(1) == y_test).mean())
for label, row in zip(y_test, logp):
    print(",".join([str(int(label))] + [repr(float(v)) for v in row]))
