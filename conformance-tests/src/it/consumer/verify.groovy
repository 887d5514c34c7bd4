def report = new File(basedir, 'target/surefire-reports/TEST-com.example.device.DeviceConnectsTest.xml')
assert report.isFile() : "no surefire report: the consumer's test did not run"
def text = report.text
assert text.contains('tests="2"') : "expected 2 tests in " + report
assert text.contains('failures="0"') && text.contains('errors="0"') && text.contains('skipped="0"')
