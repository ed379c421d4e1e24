package io.github.vaultx.raft.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and unencrypted private keys with JDK APIs only: PKCS#8 ({@code BEGIN
 * PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}).
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private Pem() {}

  /**
   * Parses every {@code CERTIFICATE} block.
   *
   * @param pem the PEM text
   * @param source what is parsed, for the error message
   * @return the certificates, possibly empty
   */
  public static List<X509Certificate> certificates(String pem, String source) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Matcher m = BLOCK.matcher(pem);
      while (m.find()) {
        if (m.group(1).equals("CERTIFICATE")) {
          byte[] der = Base64.getMimeDecoder().decode(m.group(2));
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " holds a malformed PEM certificate", e);
    }
    return certificates;
  }

  /**
   * Parses the first private key block.
   *
   * @param pem the PEM text
   * @param source what is parsed, for the error message (never the key)
   * @return the key
   */
  public static PrivateKey privateKey(String pem, String source) {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " holds malformed base64", e);
      }
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(der, source);
        case "RSA PRIVATE KEY":
          return pkcs8(sequence(integerZero(), RSA_ALGORITHM, octetString(der)), source);
        case "EC PRIVATE KEY":
          byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, curveOid(der, source));
          return pkcs8(sequence(integerZero(), algorithm, octetString(der)), source);
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException(
              source + " holds an encrypted private key; decrypt it first (openssl pkcs8)");
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        source
            + " holds no PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC"
            + " PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(byte[] der, String source) {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "DSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(source + " holds a private key this JDK cannot read");
  }

  /** Finds the named curve OID in the {@code [0]} parameters of a SEC1 ECPrivateKey. */
  private static byte[] curveOid(byte[] sec1, String source) {
    try {
      int[] outer = header(sec1, 0);
      int p = outer[1];
      int end = outer[1] + outer[2];
      while (p < end) {
        int[] element = header(sec1, p);
        if ((sec1[p] & 0xff) == 0xa0) {
          int[] oid = header(sec1, element[1]);
          if (sec1[element[1]] != 0x06) {
            break;
          }
          byte[] out = new byte[oid[1] - element[1] + oid[2]];
          System.arraycopy(sec1, element[1], out, 0, out.length);
          return out;
        }
        p = element[1] + element[2];
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        source + " holds an EC key without a named curve; convert it to PKCS#8 (openssl pkcs8)");
  }

  /** Returns {tag offset, content offset, content length} of the DER element at {@code p}. */
  private static int[] header(byte[] der, int p) {
    int lengthByte = der[p + 1] & 0xff;
    if (lengthByte < 0x80) {
      return new int[] {p, p + 2, lengthByte};
    }
    int count = lengthByte & 0x7f;
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[p + 2 + i] & 0xff);
    }
    return new int[] {p, p + 2 + count, length};
  }

  private static byte[] integerZero() {
    return new byte[] {0x02, 0x01, 0x00};
  }

  private static byte[] octetString(byte[] content) {
    return tagged(0x04, content);
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      body.writeBytes(part);
    }
    return tagged(0x30, body.toByteArray());
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
