"""Writes the .npy fixtures of NpyVectorsTest with numpy's own writer (np.save).

Run with /usr/bin/python3 (numpy 1.24.2 produced the committed files):
    python3 make_npy.py
"""
import numpy as np

np.save("f8_vector.npy", np.array([0.25, 0.5, 0.125, 0.125], dtype="<f8"))
np.save("f4_row.npy", np.array([[1.5, -2.0, 3.25]], dtype="<f4"))
np.save("i8_column.npy", np.array([[7], [-3]], dtype="<i8"))
np.save("i4_vector.npy", np.array([1, 2, 3], dtype="<i4"))
np.save("f8_matrix.npy", np.arange(6, dtype="<f8").reshape(2, 3))
np.save("f8_fortran.npy", np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)))
np.save("f8_big_endian.npy", np.array([1.0, 2.0], dtype=">f8"))
