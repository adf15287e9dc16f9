use depeche::import::*;
use std::io::Read;
fn main() {
    for name in std::env::args().skip(1) {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(format!("../shared/testdata/extraction/readability/{name}/source.html.gz")).unwrap()).read_to_end(&mut bytes).unwrap();
        let text = charset::decode(&bytes, None).text;
        let dom = dom::Dom::parse(&text);
        let meta = metadata::read(&dom, None);
        println!("{name}: title {:?} doc {:?} site {:?}", meta.title, meta.document_title, meta.site_name);
        let h1: Vec<String> = dom.descendants(dom::ROOT).filter(|&n| dom.tag(n) == Some(dom::Tag::H1)).map(|n| dom.text_of(n)).collect();
        println!("   h1 {:?}", h1);
    }
}
